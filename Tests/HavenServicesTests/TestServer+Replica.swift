import Foundation
import HavenServices
import HavenTestSupport

extension TestServer {
    /// Starts a second Haven on the same database with a home folder of its own, signing the ledger with this
    /// server's key, as replicas behind one load balancer do; its admin client uses this server's admin token.
    /// `runner` replaces the `haven` binary that its local pools start.
    func replica(databaseURL: String, runner: URL? = nil) async throws -> TestServer {
        let home = try Repository.temporaryFolder("replica")
        var configuration = ServerConfiguration(
            home: home, databaseURL: databaseURL, port: 0, runnerExecutable: runner ?? Repository.havenExecutable,
            migrationsDirectory: Repository.migrations)
        configuration.ledgerKeyFile = self.home.appending(path: "ledger-key")
        let server = try await HavenServer.start(configuration, logger: .disabled)
        return TestServer(server: server, admin: admin.rebased(on: server.url), home: home)
    }
}
