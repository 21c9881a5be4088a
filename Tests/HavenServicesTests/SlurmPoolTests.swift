import Foundation
import HTTPClient
import HavenCore
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

/// Jobs of a `slurm` pool through the real single-node cluster that Deploy/services/slurm.sh starts; the job
/// runner is the real `haven job run`, executed by slurmd.
///
/// One test at a time: the preemption test's urgent Slurm job takes every GPU of the node and would requeue the
/// jobs of the other tests too.
@Suite(.serialized) struct SlurmPoolTests {
    static let socketVariable = "HAVEN_TEST_SLURMRESTD_SOCKET"

    /// slurmrestd's socket; under Deploy/test.sh a missing one fails the test, elsewhere the test is skipped.
    static var socket: String? {
        let environment = ProcessInfo.processInfo.environment
        if let socket = environment[socketVariable], !socket.isEmpty { return socket }
        return nil
    }

    static var required: Bool { ProcessInfo.processInfo.environment["HAVEN_TEST_SLURM_REQUIRED"] == "1" }

    /// slurmrestd's socket; without one the test fails under Deploy/test.sh and is skipped, saying why, elsewhere.
    static func cluster() throws -> String {
        if let socket { return socket }
        let reason = "\(socketVariable) is not set: Deploy/test.sh starts Slurm when run as root"
        if required { throw TestFailure(reason) }
        try Test.cancel(Comment(rawValue: "skipped, no Slurm cluster: " + reason))
    }

    @Test func trainingAndInferenceJobsRunUnderSlurmWithTheirGRESAndMirroredStates() async throws {
        let socket = try Self.cluster()
        let url = try await TestDatabase.makeDatabase()
        let test = try await TestServer.start(databaseURL: url, slurmSocket: socket)
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        let _: PoolAPI.View = try await test.admin.post(
            "/v1/pools", PoolAPI.Create(name: "cluster", driver: "slurm", gpuModel: "a100", gpusPerNode: 4))

        // The catalog has no training runtime; the train job runs the bone baseline, like the inference job.
        var jobs: [JobAPI.View] = []
        for kind in [JobKind.train, .infer] {
            jobs.append(
                try await researcher.post(
                    "/v1/projects/spine-ct/jobs",
                    JobAPI.Submit(
                        kind: kind, runtime: "bone-threshold-baseline", pool: "cluster",
                        inputs: ["images/example_ct_sm.nii.gz"], gpus: 1)))
        }
        let database = PostgresPool(PostgresConfiguration(connectionString: url, maximumConnections: 1))
        defer { Task { await database.close() } }
        for job in jobs {
            let ended = try await TestServer.finished(job, as: researcher)
            #expect(ended.state == .succeeded, "\(ended.message)")
            let rows = try await database.query(
                """
                SELECT external_id, coalesce(devices, '') AS devices, outcome FROM job_attempts
                WHERE job_id = $1::uuid
                """, [job.id])
            #expect(rows.count == 1)
            // Slurm ran it: it has a Slurm job id; one a100 GRES made CUDA_VISIBLE_DEVICES one device.
            #expect(try rows[0].decode("external_id", as: Int?.self) != nil)
            let devices: String = try rows[0].decode("devices")
            #expect(devices.contains("CUDA_VISIBLE_DEVICES=") && devices.contains("SLURM_JOB_GPUS="), "\(devices)")
            #expect(try rows[0].decode("outcome", as: String.self) == "succeeded")
            let outputs: [ObjectAPI.View] = try await researcher.get(
                "/v1/projects/spine-ct/objects?prefix=" + ended.outputPrefix)
            #expect(!outputs.isEmpty)
        }
    }

    @Test func cancellingAJobCancelsItsSlurmJob() async throws {
        let socket = try Self.cluster()
        let url = try await TestDatabase.makeDatabase()
        let test = try await TestServer.start(databaseURL: url, slurmSocket: socket)
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        // The `held` partition is down: its jobs queue in Slurm but never start, until they are cancelled.
        var held = PoolAPI.Create(name: "held", driver: "slurm", gpuModel: "a100", gpusPerNode: 4)
        held.partition = "held"
        let _: PoolAPI.View = try await test.admin.post("/v1/pools", held)
        let job: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .train, runtime: "bone-threshold-baseline", pool: "held",
                inputs: ["images/example_ct_sm.nii.gz"], gpus: 1))
        let database = PostgresPool(PostgresConfiguration(connectionString: url, maximumConnections: 1))
        defer { Task { await database.close() } }
        var slurmID: Int?
        for _ in 0..<100 where slurmID == nil {
            let rows = try await database.query(
                "SELECT external_id FROM job_attempts WHERE job_id = $1::uuid", [job.id])
            slurmID = try rows.first?.decode("external_id", as: Int?.self)
            if slurmID == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let cancelled: JobAPI.View = try await researcher.post("/v1/jobs/\(job.id)/cancel", [String: String]())
        #expect(cancelled.state == .cancelled)
        let state = try await Self.slurmState(of: try #require(slurmID), socket: socket, until: "CANCELLED")
        #expect(state == "CANCELLED")
    }

    /// The Slurm job's state through slurmrestd, polled until it is `wanted` (or the polls run out).
    static func slurmState(of id: Int, socket: String, until wanted: String) async throws -> String {
        let http = HTTPClient(configuration: HTTPClientConfiguration(unixSocketPath: socket))
        var state = ""
        for _ in 0..<50 {
            let response = try await http.send(
                HTTPClientRequest(url: URL(string: "http://slurmrestd/slurm/v0.0.38/job/\(id)")!))
            let body = String(decoding: response.body, as: UTF8.self)
            state = body.firstMatch(of: /"job_state": "([A-Z_]+)"/).map { String($0.output.1) } ?? ""
            if state == wanted { return state }
            try await Task.sleep(for: .milliseconds(100))
        }
        return state
    }
}
