import Foundation
import HavenCore
import HavenCrypto
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

/// Two `haven serve` replicas on one database, both placing jobs of the same pool.
@Suite struct PlacementReplicaTests {
    static let jobCount = 500

    /// A stand-in for `haven job run` that ends at once without a report, so each placed job ends (failed)
    /// and frees its room for the next.
    static func exitingRunner() throws -> URL {
        let runner = try Repository.temporaryFolder("runner").appending(path: "runner.sh")
        try "#!/bin/sh\nexit 0\n".write(to: runner, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner.path)
        return runner
    }

    @Test func fiveHundredConcurrentSubmissionsAreEachPlacedExactlyOnce() async throws {
        let url = try await TestDatabase.makeDatabase()
        let runner = try Self.exitingRunner()
        let first = try await TestServer.start(runner: runner, databaseURL: url)
        defer { Task { await first.server.shutdown() } }
        let (researcher, _) = try await first.projectWithMembers()
        var batch = PoolAPI.Create(name: "batch")
        batch.maxConcurrentJobs = 16
        let _: PoolAPI.View = try await first.admin.post("/v1/pools", batch)
        let second = try await first.replica(databaseURL: url, runner: runner)
        defer { Task { await second.server.shutdown() } }
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)

        // Half the submissions go to each replica, 25 at a time.
        let clients = [researcher, researcher.rebased(on: second.server.url)]
        let submitted = try await withThrowingTaskGroup(of: [String].self) { group in
            for lane in 0..<25 {
                group.addTask {
                    var ids: [String] = []
                    for number in stride(from: lane, to: Self.jobCount, by: 25) {
                        let job: JobAPI.View = try await clients[number % 2].post(
                            "/v1/projects/spine-ct/jobs",
                            JobAPI.Submit(
                                kind: .infer, runtime: "bone-threshold-baseline", pool: "batch",
                                inputs: ["images/example_ct_sm.nii.gz"]))
                        ids.append(job.id)
                    }
                    return ids
                }
            }
            return try await group.reduce(into: [String]()) { $0 += $1 }
        }
        #expect(Set(submitted).count == Self.jobCount)

        let database = PostgresPool(PostgresConfiguration(connectionString: url, maximumConnections: 2))
        defer { Task { await database.close() } }
        try await Self.waitUntilEveryJobEnded(database)

        // Every job has exactly one attempt row and exactly one placement entry in the audit log.
        let attempts = try await database.query(
            "SELECT job_id::text AS job, count(*) AS n FROM job_attempts GROUP BY job_id")
        let placements = try await database.query(
            "SELECT job_id::text AS job, count(*) AS n FROM audit_events WHERE action = 'job.place' GROUP BY job_id")
        for rows in [attempts, placements] {
            let counts = try Dictionary(
                uniqueKeysWithValues: rows.map { try ($0.decode("job", as: String.self), $0.decode("n", as: Int.self)) }
            )
            #expect(Set(counts.keys) == Set(submitted))
            #expect(counts.values.allSatisfy { $0 == 1 })
        }
        let load = try await database.query("SELECT sum(live) AS live FROM pool_load")
        #expect(try load[0].decode("live", as: Int.self) == 0)
    }

    /// Waits until no job is live; the suite's time limit bounds the wait.
    static func waitUntilEveryJobEnded(_ database: PostgresPool) async throws {
        while true {
            let rows = try await database.query(
                """
                SELECT count(*) AS n FROM jobs
                WHERE state NOT IN ('succeeded', 'failed', 'cancelled', 'timed_out', 'lost')
                """
            )
            if try rows[0].decode("n", as: Int.self) == 0 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
