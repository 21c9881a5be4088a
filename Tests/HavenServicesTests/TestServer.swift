import Foundation
import HavenLogging
import HavenServices
import HavenTestSupport

/// A real Haven server in this process, on a fresh database and a fresh home folder, listening on a free port.
struct TestServer {
    let server: HavenServer
    let admin: HavenClient
    let home: URL
    /// The server's database, for tests that check what it holds.
    var databaseURL: String = ""

    /// Starts Haven; `runner` replaces the `haven` binary that local pools start for each job, `quotas` sets the
    /// projects' compute limits, `slurmSocket` connects `slurm` pools to slurmrestd, `stallTimeout` replaces the
    /// ten minutes after which a silent running job stalls, and `configure` changes anything else.
    static func start(
        runner: URL? = nil, databaseURL: String? = nil, quotas: FixedQuotas? = nil, slurmSocket: String? = nil,
        stallTimeout: Duration? = nil, configure: (inout ServerConfiguration) -> Void = { _ in }
    ) async throws -> TestServer {
        let home = try Repository.temporaryFolder("server")
        let database: String
        if let databaseURL { database = databaseURL } else { database = try await TestDatabase.makeDatabase() }
        var configuration = ServerConfiguration(
            home: home, databaseURL: database, port: 0,
            runnerExecutable: runner ?? Repository.havenExecutable, migrationsDirectory: Repository.migrations)
        if let quotas { configuration.quotas = quotas }
        configuration.slurm = slurmSocket.map { SlurmConfiguration(socketPath: $0) }
        if let stallTimeout { configuration.stallTimeout = stallTimeout }
        configure(&configuration)
        let server = try await HavenServer.start(configuration, logger: .disabled)
        guard let token = server.firstAdminToken else { throw TestFailure("a fresh database made no first admin") }
        return TestServer(
            server: server, admin: HavenClient(baseURL: server.url, token: token), home: home, databaseURL: database)
    }

    /// Admin set-up shared by tests: project `spine-ct`, a researcher and an auditor, storage, a local pool.
    func projectWithMembers() async throws -> (researcher: HavenClient, auditor: HavenClient) {
        let _: ProjectAPI.View = try await admin.post("/v1/projects", ProjectAPI.Create(name: "spine-ct"))
        let researcher: UserAPI.Created = try await admin.post("/v1/users", UserAPI.Create(name: "researcher"))
        let auditor: UserAPI.Created = try await admin.post("/v1/users", UserAPI.Create(name: "auditor"))
        let _: ProjectAPI.Member = try await admin.post(
            "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "researcher", role: .researcher))
        let _: ProjectAPI.Member = try await admin.post(
            "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "auditor", role: .auditor))
        let _: ProjectAPI.Storage = try await admin.post(
            "/v1/projects/spine-ct/storage", ProjectAPI.CreateStorage(name: "images"))
        let _: PoolAPI.View = try await admin.post("/v1/pools", PoolAPI.Create(name: "local"))
        return (admin.with(token: researcher.token), admin.with(token: auditor.token))
    }
}

/// A test precondition that did not hold.
struct TestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
