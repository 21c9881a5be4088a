import Foundation
import HavenServices
import HavenTestSupport

extension TestServer {
    /// Starts a second Haven on the same database with a home folder of its own, signing the ledger with this
    /// server's key, as replicas behind one load balancer do; its admin client uses this server's admin token.
    func replica(databaseURL: String) async throws -> TestServer {
        let home = try Repository.temporaryFolder("replica")
        var configuration = ServerConfiguration(
            home: home, databaseURL: databaseURL, port: 0, runnerExecutable: Repository.havenExecutable,
            migrationsDirectory: Repository.migrations)
        configuration.ledgerKeyFile = self.home.appending(path: "ledger-key")
        let server = try await HavenServer.start(configuration, logger: .disabled)
        return TestServer(server: server, admin: admin.rebased(on: server.url), home: home)
    }
}
