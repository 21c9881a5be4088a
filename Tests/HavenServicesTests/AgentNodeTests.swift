import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

/// Real `haven agent` processes joining an agent pool of a real server; the job runner is the stand-in.
@Suite struct AgentNodeTests {
    /// The lease each agent asks for: the surviving agent, heartbeating every 0.3 s, must keep it on a loaded machine.
    static let leaseSeconds = 5.0
    /// Room for the lease check's tick, a heartbeat of the surviving node and a loaded machine.
    static let marginSeconds = 15.0

    /// Starts `haven agent` named `name` with `joinToken`; its jobs' work folders go under `work`; `options` are
    /// added to its command line.
    static func startAgent(
        _ name: String, joinToken: String, server: String, work: URL, runner: URL, options: [String] = []
    ) throws -> Process {
        let process = Process()
        process.executableURL = Repository.havenExecutable
        process.arguments =
            [
                "agent", "--url", server, "--name", name, "--work", work.path, "--lease", "\(leaseSeconds)",
                "--heartbeat", "0.3", "--runner", runner.path,
            ] + options
        process.environment = [
            "HAVEN_JOIN_TOKEN": joinToken, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": work.path, "HAVEN_LOG_LEVEL": "warning",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Polls `sql` until its first row's first column `n` is at least `count`.
    static func waitFor(_ database: PostgresPool, _ sql: String, _ parameters: [String] = [], count: Int) async throws {
        for _ in 0..<600 {
            let rows = try await database.query(sql, parameters)
            if try rows.first?.decode("n", as: Int.self) ?? 0 >= count { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("gave up waiting for: \(sql)")
    }

    @Test func killedAgentsAttemptIsLostAndTheJobRetriesOnAnotherNodeWithinTheLease() async throws {
        let url = try await TestDatabase.makeDatabase()
        let test = try await TestServer.start(databaseURL: url)
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        let _: PoolAPI.View = try await test.admin.post("/v1/pools", PoolAPI.Create(name: "gpu-nodes", driver: "agent"))
        let database = PostgresPool(PostgresConfiguration(connectionString: url, maximumConnections: 1))
        defer { Task { await database.close() } }

        // Two machines join with a single-use token each; a token works once.
        let runner = try StandInRunner.make()
        let work = try Repository.temporaryFolder("agents")
        var agents: [String: Process] = [:]
        var tokens: [String] = []
        for name in ["node-a", "node-b"] {
            let token: AgentAPI.JoinToken = try await test.admin.post(
                "/v1/pools/gpu-nodes/join-tokens", [String: String]())
            tokens.append(token.token)
            agents[name] = try Self.startAgent(
                name, joinToken: token.token, server: test.server.url, work: work.appending(path: name), runner: runner)
        }
        defer { for agent in agents.values where agent.isRunning { agent.terminate() } }
        try await Self.waitFor(database, "SELECT count(*)::int AS n FROM nodes WHERE state = 'ready'", count: 2)
        let again = HavenClient(baseURL: test.server.url, token: nil)
        await #expect(throws: HavenClientError.self) {
            let _: AgentAPI.Joined = try await again.post(
                "/v1/agents/join", AgentAPI.Join(joinToken: tokens[0], name: "node-c", gpus: []))
        }

        // A job is placed on one node; that node's agent is killed.
        let job: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .train, runtime: "bone-threshold-baseline", pool: "gpu-nodes",
                inputs: ["images/example_ct_sm.nii.gz"]))
        try await Self.waitFor(
            database, "SELECT count(*)::int AS n FROM job_attempts WHERE job_id = $1::uuid", [job.id], count: 1)
        let first = try await database.query(
            """
            SELECT d.name FROM job_attempts a JOIN nodes d ON d.id::text = a.node
            WHERE a.job_id = $1::uuid AND a.attempt = 1
            """, [job.id])
        let victim: String = try first[0].decode("name")
        let survivor = victim == "node-a" ? "node-b" : "node-a"
        kill(agents[victim]?.processIdentifier ?? 0, SIGKILL)
        let killedAt = ContinuousClock.now

        // The second attempt of the same job lands on the other node within the lease plus the margin.
        try await Self.waitFor(
            database, "SELECT count(*)::int AS n FROM job_attempts WHERE job_id = $1::uuid AND attempt = 2", [job.id],
            count: 1)
        let elapsed = ContinuousClock.now - killedAt
        #expect(elapsed < .seconds(Self.leaseSeconds + Self.marginSeconds))
        let attempts = try await database.query(
            """
            SELECT a.attempt, d.name, coalesce(a.outcome, '') AS outcome FROM job_attempts a
            JOIN nodes d ON d.id::text = a.node WHERE a.job_id = $1::uuid ORDER BY a.attempt
            """, [job.id])
        let rows = try attempts.map {
            [
                String(try $0.decode("attempt", as: Int.self)), try $0.decode("name", as: String.self),
                try $0.decode("outcome", as: String.self),
            ]
        }
        #expect(rows == [["1", victim, "lost"], ["2", survivor, ""]])
        let view: JobAPI.View = try await researcher.get("/v1/jobs/" + job.id)
        #expect(view.attempt == 2)
        #expect(view.state.holdsToken)
        let lost = try await database.query(
            "SELECT count(*)::int AS n FROM audit_events WHERE action = 'node.lost' AND actor = $1", ["node:" + victim])
        #expect(try lost[0].decode("n", as: Int.self) == 1)

        for name in ["node-a", "node-b"] { StandInRunner.stop(work.appending(path: name).appending(path: job.id)) }
    }
}
