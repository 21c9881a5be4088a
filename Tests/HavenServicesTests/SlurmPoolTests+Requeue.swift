import Foundation
import HTTPClient
import HavenCore
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

/// Slurm taking a running Haven job back, by preemption or by `scontrol requeue`: the attempt ends and the same
/// Haven job runs again as its next attempt.
extension SlurmPoolTests {
    /// A Haven job on the cluster whose runner holds its GPUs under slurmd, with what the test reads back.
    struct HeldJob {
        var test: TestServer
        var researcher: HavenClient
        var database: PostgresPool
        var job: JobAPI.View
        /// Slurm's job id for attempt 1.
        var slurmID: Int
    }

    @Test func preemptionBySlurmIsANewAttemptOfTheSameJob() async throws {
        let socket = try Self.cluster()
        let held = try await Self.holdTrainingJob(gpus: 2, socket: socket)
        defer { Task { await held.database.close() } }
        defer { Task { await held.test.server.shutdown() } }

        // A plain Slurm job of the higher-tier partition needs all four GPUs; two of them are Haven's.
        let urgent = try await Self.submitUrgentJob(gpus: 4, socket: socket)
        try await Self.expectNewAttempt(after: held, socket: socket, requeuedBecause: "preempted")
        let log = try String(
            contentsOf: Self.clusterFolder(socket).appending(path: "log/slurmctld.log"), encoding: .utf8)
        #expect(
            log.contains("preempted JobId=\(held.slurmID) has been requeued to reclaim resources for JobId=\(urgent)"))
    }

    @Test func scontrolRequeueOfARunningJobIsANewAttemptOfTheSameJob() async throws {
        let socket = try Self.cluster()
        let held = try await Self.holdTrainingJob(gpus: 1, socket: socket)
        defer { Task { await held.database.close() } }
        defer { Task { await held.test.server.shutdown() } }

        let status = try Self.scontrol(["requeue", String(held.slurmID)], socket: socket)
        #expect(status == 0)
        try await Self.expectNewAttempt(after: held, socket: socket, requeuedBecause: "requeued by scontrol")
    }

    /// Submits a training job of `gpus` GPUs to a slurm pool whose runner holds them, and waits until Slurm runs
    /// attempt 1.
    static func holdTrainingJob(gpus: Int, socket: String) async throws -> HeldJob {
        let url = try await TestDatabase.makeDatabase()
        let test = try await TestServer.start(runner: try HoldingRunner.make(), databaseURL: url, slurmSocket: socket)
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        let _: PoolAPI.View = try await test.admin.post(
            "/v1/pools", PoolAPI.Create(name: "cluster", driver: "slurm", gpuModel: "a100", gpusPerNode: 4))
        let job: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .train, runtime: "bone-threshold-baseline", pool: "cluster",
                inputs: ["images/example_ct_sm.nii.gz"], gpus: gpus))
        let database = PostgresPool(PostgresConfiguration(connectionString: url, maximumConnections: 1))
        let slurmID = try await slurmJob(of: job.id, attempt: 1, in: database)
        // Slurm's GRES allocation is what the runner sees.
        #expect(try await HoldingRunner.devices(work(job.id, attempt: 1)).count == gpus)
        #expect(try await slurmState(of: slurmID, socket: socket, until: "RUNNING") == "RUNNING")
        return HeldJob(test: test, researcher: researcher, database: database, job: job, slurmID: slurmID)
    }

    /// Checks that Slurm requeued attempt 1 and that attempt 2 of the same job ran under a Slurm job of its own
    /// and succeeded, with each step audited under the job and its submitter.
    static func expectNewAttempt(after held: HeldJob, socket: String, requeuedBecause why: String) async throws {
        let second = try await slurmJob(of: held.job.id, attempt: 2, in: held.database)
        #expect(second != held.slurmID)
        // Slurm counted a restart of attempt 1's job; Haven then cancelled it, so that it never runs again.
        let first = try await slurmJob(held.slurmID, socket: socket)
        #expect(first["restart_cnt"] as? Int == 1, "\(why): \(first)")
        #expect(try await slurmState(of: held.slurmID, socket: socket, until: "CANCELLED") == "CANCELLED")

        // Attempt 2 runs once Slurm gives it GPUs again; released, the real runner finishes the job.
        let work = work(held.job.id, attempt: 2)
        _ = try await HoldingRunner.devices(work)
        HoldingRunner.release(work)
        let ended = try await TestServer.finished(held.job, as: held.researcher)
        #expect(ended.state == .succeeded, "\(ended.message)")
        #expect(ended.attempt == 2)
        #expect(try await attempts(of: held.job.id, in: held.database) == ["1 requeued", "2 succeeded"])
        let jobs = try await held.database.query("SELECT count(*)::int AS n FROM jobs")
        #expect(try jobs[0].decode("n", as: Int.self) == 1)
        try await expectAudited(held, in: held.database)
        for attempt in [1, 2] { try? FileManager.default.removeItem(at: Self.work(held.job.id, attempt: attempt)) }
    }

    /// The job's audit entries: both placements and the requeue, each naming the job and the submitting user.
    static func expectAudited(_ held: HeldJob, in database: PostgresPool) async throws {
        let rows = try await database.query(
            """
            SELECT action, detail FROM audit_events
            WHERE job_id = $1::uuid AND on_behalf_of = $2::uuid AND action IN ('job.place', 'job.report')
            ORDER BY sequence
            """, [held.job.id, held.job.submittedByID])
        let entries = try rows.map {
            try $0.decode("action", as: String.self) + " " + $0.decode("detail", as: String.self)
        }
        #expect(entries.contains("job.place attempt 1 on gpu"), "\(entries)")
        #expect(entries.contains("job.place attempt 2 on gpu"), "\(entries)")
        #expect(
            entries.contains { $0.hasPrefix("job.report admitted: Slurm requeued job \(held.slurmID)") }, "\(entries)")
        #expect(held.job.submittedBy == "researcher")
    }

    /// Attempts of `jobID` as `NUMBER OUTCOME`, in order.
    static func attempts(of jobID: String, in database: PostgresPool) async throws -> [String] {
        let rows = try await database.query(
            """
            SELECT attempt, coalesce(outcome, 'live') AS outcome FROM job_attempts
            WHERE job_id = $1::uuid ORDER BY attempt
            """, [jobID])
        return try rows.map {
            "\(try $0.decode("attempt", as: Int.self)) " + (try $0.decode("outcome", as: String.self))
        }
    }

    /// Slurm's job id for an attempt, once the pool has submitted it.
    static func slurmJob(of jobID: String, attempt: Int, in database: PostgresPool) async throws -> Int {
        for _ in 0..<300 {
            let rows = try await database.query(
                "SELECT external_id FROM job_attempts WHERE job_id = $1::uuid AND attempt = $2", [jobID, attempt])
            if let id = try rows.first?.decode("external_id", as: Int?.self) { return id }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("attempt \(attempt) of job \(jobID) never reached Slurm")
    }

    /// The work folder the slurm pool gives an attempt (under `SlurmConfiguration.workRoot`).
    static func work(_ jobID: String, attempt: Int) -> URL {
        URL(filePath: "/tmp/haven-slurm-\(jobID)-\(attempt)")
    }

    /// The folder Deploy/services/slurm.sh keeps the cluster in: the socket is `DIR/rest/slurmrestd.socket`.
    static func clusterFolder(_ socket: String) -> URL {
        URL(filePath: socket).deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Submits a job of the `urgent` partition that needs `gpus` GPUs for two seconds; returns its Slurm id.
    static func submitUrgentJob(gpus: Int, socket: String) async throws -> Int {
        let submission: [String: Any] = [
            "job": [
                "name": "urgent", "partition": "urgent", "gres": "gpu:a100:\(gpus)",
                "current_working_directory": "/tmp", "standard_output": "/dev/null",
                "environment": ["PATH": "/usr/bin:/bin"],
            ],
            "script": "#!/bin/sh\nsleep 2\n",
        ]
        let http = HTTPClient(configuration: HTTPClientConfiguration(unixSocketPath: socket))
        let response = try await http.send(
            HTTPClientRequest(
                method: "POST", url: URL(string: "http://slurmrestd/slurm/v0.0.38/job/submit")!,
                headers: ["Content-Type": "application/json"],
                body: try JSONSerialization.data(withJSONObject: submission)))
        let answer = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        guard let id = answer?["job_id"] as? Int else {
            throw TestFailure("slurmrestd took no urgent job: \(String(decoding: response.body, as: UTF8.self))")
        }
        return id
    }

    /// The Slurm job `id` as slurmrestd describes it.
    static func slurmJob(_ id: Int, socket: String) async throws -> [String: Any] {
        let http = HTTPClient(configuration: HTTPClientConfiguration(unixSocketPath: socket))
        let response = try await http.send(
            HTTPClientRequest(url: URL(string: "http://slurmrestd/slurm/v0.0.38/job/\(id)")!))
        let answer = try JSONSerialization.jsonObject(with: response.body) as? [String: Any]
        return (answer?["jobs"] as? [[String: Any]])?.first ?? [:]
    }

    /// Runs `scontrol` against the cluster; returns its exit status.
    static func scontrol(_ arguments: [String], socket: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/scontrol")
        process.arguments = arguments
        process.environment = ["SLURM_CONF": clusterFolder(socket).appending(path: "slurm.conf").path]
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
