import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

/// `haven agent` hands each runner GPU devices of its own. This machine has no GPU: the agent is given three
/// stand-in device indices with `--gpu-devices`, which the runners see in `CUDA_VISIBLE_DEVICES` and which the
/// real runner's GPU check counts.
extension AgentNodeTests {
    static let standInDevices = [0, 1, 2]

    static func submit(_ client: HavenClient, gpus: Int) async throws -> JobAPI.View {
        try await client.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .train, runtime: "bone-threshold-baseline", pool: "gpu-nodes",
                inputs: ["images/example_ct_sm.nii.gz"], gpus: gpus))
    }

    @Test func agentRunnersGetDisjointDevicesAndAJobWaitsForFreedOnes() async throws {
        let url = try await TestDatabase.makeDatabase()
        let test = try await TestServer.start(databaseURL: url)
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        let _: PoolAPI.View = try await test.admin.post("/v1/pools", PoolAPI.Create(name: "gpu-nodes", driver: "agent"))
        let database = PostgresPool(PostgresConfiguration(connectionString: url, maximumConnections: 1))
        defer { Task { await database.close() } }

        let token: AgentAPI.JoinToken = try await test.admin.post("/v1/pools/gpu-nodes/join-tokens", [String: String]())
        let work = try Repository.temporaryFolder("agent-gpus")
        let agent = try Self.startAgent(
            "node-g", joinToken: token.token, server: test.server.url, work: work, runner: try HoldingRunner.make(),
            options: ["--gpu-devices", Self.standInDevices.map(String.init).joined(separator: ",")])
        defer { if agent.isRunning { agent.terminate() } }
        try await Self.waitFor(
            database, "SELECT jsonb_array_length(gpus) AS n FROM nodes WHERE state = 'ready'",
            count: Self.standInDevices.count)

        // 2 + 1 GPUs take the three devices, no device twice.
        let wide = try await Self.submit(researcher, gpus: 2)
        let wideDevices = try await HoldingRunner.devices(work.appending(path: wide.id))
        let narrow = try await Self.submit(researcher, gpus: 1)
        let narrowDevices = try await HoldingRunner.devices(work.appending(path: narrow.id))
        #expect(wideDevices.count == 2)
        #expect((wideDevices + narrowDevices).sorted() == Self.standInDevices)

        // A third GPU job waits; a job that needs no GPU is placed past it, with no device visible.
        let waiting = try await Self.submit(researcher, gpus: 1)
        let cpuJob = try await Self.submit(researcher, gpus: 0)
        #expect(try await HoldingRunner.devices(work.appending(path: cpuJob.id)) == [])
        let view: JobAPI.View = try await researcher.get("/v1/jobs/" + waiting.id)
        #expect(view.state == .admitted)

        // The narrow job's runner passes its GPU check and ends; the waiting job gets the device it freed.
        HoldingRunner.release(work.appending(path: narrow.id))
        let ended = try await TestServer.finished(narrow, as: researcher)
        #expect(ended.state == .succeeded, "\(ended.message)")
        #expect(try await HoldingRunner.devices(work.appending(path: waiting.id)) == narrowDevices)
        for job in [wide, waiting, cpuJob] {
            HoldingRunner.release(work.appending(path: job.id))
            let ended = try await TestServer.finished(job, as: researcher)
            #expect(ended.state == .succeeded, "\(ended.message)")
        }
        let seen = try await database.query(
            "SELECT devices FROM job_attempts WHERE job_id = $1::uuid", [wide.id])
        let visible = wideDevices.map(String.init).joined(separator: ",")
        #expect(try seen.first?.decode("devices", as: String?.self) == "CUDA_VISIBLE_DEVICES=" + visible)
    }
}
