import Foundation
import HavenLogging
import HavenTestSupport
import Synchronization

@testable import HavenServices

/// A Haven server for vault tests: it keeps every log line it writes, and can be restarted on the same database
/// with another key-encryption key.
struct VaultServer {
    let test: TestServer
    let databaseURL: String
    let logs: LogLines
    let owner: HavenClient
    let researcher: HavenClient
    let auditor: HavenClient

    /// Starts Haven logging at trace level into `logs`, with project `spine-ct` and an owner, a researcher and an
    /// auditor in it.
    static func start(runner: URL? = nil) async throws -> VaultServer {
        let logs = LogLines()
        let sink = LogSink(level: .trace, format: .json) { line in logs.append(line) }
        let home = try Repository.temporaryFolder("vault")
        let databaseURL = try await TestDatabase.makeDatabase()
        let configuration = ServerConfiguration(
            home: home, databaseURL: databaseURL, port: 0,
            runnerExecutable: runner ?? Repository.havenExecutable, migrationsDirectory: Repository.migrations)
        let server = try await HavenServer.start(configuration, logger: Logger(label: "test", sink: sink))
        guard let token = server.firstAdminToken else { throw TestFailure("a fresh database made no first admin") }
        let test = TestServer(server: server, admin: HavenClient(baseURL: server.url, token: token), home: home)

        let (researcher, auditor) = try await test.projectWithMembers()
        let created: UserAPI.Created = try await test.admin.post("/v1/users", UserAPI.Create(name: "owner"))
        let _: ProjectAPI.Member = try await test.admin.post(
            "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "owner", role: .owner))
        return VaultServer(
            test: test, databaseURL: databaseURL, logs: logs, owner: test.admin.with(token: created.token),
            researcher: researcher, auditor: auditor)
    }

    /// The path of secret `name` in `spine-ct`.
    static func path(_ name: String) -> String { "/v1/projects/spine-ct/secrets/" + name }

    /// Every log line so far, joined.
    var logText: String { logs.text }

    /// The project's access log as JSON lines, read by the auditor.
    func auditText() async throws -> String {
        String(decoding: try await auditor.data("/v1/projects/spine-ct/audit?format=jsonl"), as: UTF8.self)
    }
}

/// Log lines written by a server, kept for tests to search.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])

    func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    var text: String { lines.withLock { $0.joined(separator: "\n") } }
}
