import Foundation
import HavenTestSupport
import Testing

extension ServeTests.Server {
    /// Starts `haven serve` on a fresh home, runs `scenario` with its URL and first admin token, then stops it
    /// (not in a defer, so that its embedded PostgreSQL never outlives the test) and returns its exit status.
    static func serving(
        _ name: String, _ scenario: (_ url: String, _ adminToken: String) async throws -> Void
    ) async throws -> Int32 {
        let server = try ServeTests.Server(home: try Repository.temporaryFolder(name))
        do {
            let url = try await server.url()
            let lines = server.printed.split(separator: "\n")
            let adminLine = try #require(lines.firstIndex { $0.contains("the admin token is below") })
            try await scenario(url, String(lines[adminLine + 1]))
        } catch {
            _ = await server.terminate()
            throw error
        }
        return await server.terminate()
    }
}
