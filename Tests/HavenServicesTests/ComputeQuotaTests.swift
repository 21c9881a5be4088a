import Foundation
import HavenCore
import HavenCrypto
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

/// Admission by quota and GPU-hour accounting through a real server and a stand-in runner.
@Suite struct ComputeQuotaTests {
    static let quota = ProjectQuota(gpuHoursPerMonth: 10, concurrentGPUs: 2)

    static func submit(_ client: HavenClient, gpus: Int, hours: Double) async throws -> JobAPI.View {
        try await client.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .train, runtime: "bone-threshold-baseline", pool: "local",
                inputs: ["images/example_ct_sm.nii.gz"], gpus: gpus, hours: hours))
    }

    /// The message of the refusal `body` throws.
    static func refusal(_ body: () async throws -> JobAPI.View) async -> String? {
        do {
            _ = try await body()
            return nil
        } catch let error as HavenClientError where error.status == 403 {
            return error.description
        } catch {
            return "unexpected: \(error)"
        }
    }

    @Test func refusalNamesTheLimitAndGPUHoursMatchTheRecordedTimes() async throws {
        let url = try await TestDatabase.makeDatabase()
        // Two stand-in GPU devices: this machine has none, and the local pool fails jobs wider than the machine.
        let test = try await TestServer.start(
            runner: try StandInRunner.make(), databaseURL: url, quotas: FixedQuotas(["spine-ct": Self.quota])
        ) { $0.localGPUDevices = [0, 1] }
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)

        // 3 GPUs against a limit of 2 concurrent: over by 1.
        let tooWide = await Self.refusal { try await Self.submit(researcher, gpus: 3, hours: 1) }
        #expect(
            tooWide?.contains("concurrent GPUs: 3 more on top of 0 in flight exceed the project's limit of 2 by 1")
                == true)
        // 2 GPUs x 6 h = 12 GPU-hours against 10 a month: over by 2.
        let tooLong = await Self.refusal { try await Self.submit(researcher, gpus: 2, hours: 6) }
        #expect(tooLong?.contains("this job may use 12 (2 GPUs x 6 h)") == true)
        #expect(tooLong?.contains("limit of 10 by 2") == true)

        // A job that fits runs: the test plays its runner with the token the stand-in saved.
        let job = try await Self.submit(researcher, gpus: 2, hours: 1)
        let work = test.home.appending(path: "work").appending(path: job.id)
        let runner = researcher.with(token: try await StandInRunner.waitForFile(work.appending(path: "token")))
        let _: JobAPI.View = try await runner.post("/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: .started))
        try await Task.sleep(for: .milliseconds(300))
        let ended: JobAPI.View = try await runner.post("/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: .succeeded))
        StandInRunner.stop(work)
        #expect(ended.state == .succeeded)

        // Expected: 2 GPUs x (end - start) of the one attempt, from the times the database recorded.
        let database = PostgresPool(PostgresConfiguration(connectionString: url, maximumConnections: 1))
        defer { Task { await database.close() } }
        let times = try await database.query(
            """
            SELECT extract(epoch FROM started_at)::float8 AS s, extract(epoch FROM ended_at)::float8 AS e
            FROM job_attempts WHERE job_id = $1::uuid
            """, [job.id])
        #expect(times.count == 1)
        let seconds = try times[0].decode("e", as: Double.self) - times[0].decode("s", as: Double.self)
        #expect(seconds >= 0.3)
        let usage: UsageAPI.View = try await researcher.get("/v1/projects/spine-ct/usage")
        #expect(usage.users.map(\.user) == ["researcher"])
        #expect(usage.users.first?.attempts == 1)
        #expect(abs(usage.totalGPUHours - 2 * seconds / 3600) < 1e-9)

        // The refusals are in the audit log as denied submissions with the reason.
        let denied = try await database.query(
            "SELECT detail FROM audit_events WHERE action = 'job.submit' AND outcome = 'denied' ORDER BY sequence")
        #expect(
            try denied.map { try $0.decode("detail", as: String.self) }.map { $0.prefix(16) } == [
                "concurrent GPUs:", "GPU-hours per mo",
            ])
    }
}
