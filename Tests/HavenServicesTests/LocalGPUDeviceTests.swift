import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

/// A local pool hands each job runner GPU devices of its own. This machine has no GPU: the server is given four
/// stand-in device indices (`localGPUDevices`, as `HAVEN_LOCAL_GPU_DEVICES` does), which the runners see in
/// `CUDA_VISIBLE_DEVICES` and which the real runner's GPU check counts.
@Suite struct LocalGPUDeviceTests {
    static let standInDevices = [0, 1, 2, 3]

    static func submit(_ client: HavenClient, gpus: Int) async throws -> JobAPI.View {
        try await client.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .train, runtime: "bone-threshold-baseline", pool: "gpus",
                inputs: ["images/example_ct_sm.nii.gz"], gpus: gpus))
    }

    @Test func jobsGetDisjointDevicesAndAJobWaitsForFreedOnes() async throws {
        let url = try await TestDatabase.makeDatabase()
        let test = try await TestServer.start(runner: try HoldingRunner.make(), databaseURL: url) {
            $0.localGPUDevices = Self.standInDevices
        }
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        var pool = PoolAPI.Create(name: "gpus")
        pool.maxConcurrentJobs = 8
        let _: PoolAPI.View = try await test.admin.post("/v1/pools", pool)
        let database = PostgresPool(PostgresConfiguration(connectionString: url, maximumConnections: 1))
        defer { Task { await database.close() } }
        let work = test.home.appending(path: "work")

        // 2 + 1 + 1 GPUs take the four devices, no device twice.
        var jobs: [JobAPI.View] = []
        var given: [[Int]] = []
        for gpus in [2, 1, 1] {
            let job = try await Self.submit(researcher, gpus: gpus)
            jobs.append(job)
            given.append(try await HoldingRunner.devices(work.appending(path: job.id)))
        }
        #expect(given.map(\.count) == [2, 1, 1])
        #expect(given.joined().sorted() == Self.standInDevices)

        // A fourth GPU job waits; a job that needs no GPU is placed past it, with no device visible.
        let waiting = try await Self.submit(researcher, gpus: 1)
        let cpuJob = try await Self.submit(researcher, gpus: 0)
        #expect(try await HoldingRunner.devices(work.appending(path: cpuJob.id)) == [])
        let view: JobAPI.View = try await researcher.get("/v1/jobs/" + waiting.id)
        #expect(view.state == .admitted)
        #expect(try await Self.attemptDevices(of: waiting.id, in: database) == nil)

        // The second job's runner passes its GPU check and ends; the waiting job gets the device it freed.
        HoldingRunner.release(work.appending(path: jobs[1].id))
        let ended = try await TestServer.finished(jobs[1], as: researcher)
        #expect(ended.state == .succeeded, "\(ended.message)")
        #expect(try await Self.attemptDevices(of: jobs[1].id, in: database) == "CUDA_VISIBLE_DEVICES=\(given[1][0])")
        #expect(try await HoldingRunner.devices(work.appending(path: waiting.id)) == given[1])

        // Every other runner passes its check too, with what it was given.
        for (job, devices) in zip([jobs[0], jobs[2], waiting], [given[0], given[2], given[1]]) {
            HoldingRunner.release(work.appending(path: job.id))
            let ended = try await TestServer.finished(job, as: researcher)
            #expect(ended.state == .succeeded, "\(ended.message)")
            let visible = devices.map(String.init).joined(separator: ",")
            #expect(try await Self.attemptDevices(of: job.id, in: database) == "CUDA_VISIBLE_DEVICES=" + visible)
        }
        HoldingRunner.release(work.appending(path: cpuJob.id))
        #expect(try await TestServer.finished(cpuJob, as: researcher).state == .succeeded)
    }

    @Test func aJobWiderThanTheMachineFailsAndNamesWhatThereIs() async throws {
        let test = try await TestServer.start(runner: try HoldingRunner.make()) {
            $0.localGPUDevices = Self.standInDevices
        }
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        let _: PoolAPI.View = try await test.admin.post("/v1/pools", PoolAPI.Create(name: "gpus"))

        let job = try await Self.submit(researcher, gpus: 5)
        let ended = try await TestServer.finished(job, as: researcher)
        #expect(ended.state == .failed)
        #expect(ended.message.contains("asks for 5 GPU(s) but this machine's local pools have 4"), "\(ended.message)")
    }

    /// What the runner of the job's attempt reported seeing, or `nil` while the job has no attempt.
    static func attemptDevices(of jobID: String, in database: PostgresPool) async throws -> String? {
        let rows = try await database.query(
            "SELECT coalesce(devices, '') AS devices FROM job_attempts WHERE job_id = $1::uuid ORDER BY attempt DESC",
            [jobID])
        return try rows.first?.decode("devices")
    }
}
