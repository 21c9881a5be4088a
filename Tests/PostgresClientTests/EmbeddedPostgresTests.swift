import Foundation
import PostgresClient
import Testing

@Suite("A private cluster starts in a folder, is reused while running, and stops only for its starter")
struct EmbeddedPostgresTests {
    @Test("start in a temp folder, query, start again to reuse, then stop")
    func startReuseStop() async throws {
        // Short, because the socket path must stay under 108 bytes.
        let directory = URL(filePath: "/tmp/haven-ep-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: directory) }
        let server = EmbeddedPostgres(directory: directory)

        let first = try server.start()
        let connection = try await PostgresConnection.connect(first.connectionString)
        let rows = try await connection.query("SELECT 1 AS one")
        await connection.close()
        let second = try server.start()

        #expect(first.startedHere)
        #expect(try rows[0].decode("one", as: Int.self) == 1)
        #expect(!second.startedHere)
        #expect(second.connectionString == first.connectionString)
        #expect(FileManager.default.fileExists(atPath: directory.appending(path: "postgres.log").path))

        try second.stop()  // not the starter: the server must keep running
        let stillUp = try await PostgresConnection.connect(first.connectionString)
        await stillUp.close()
        try first.stop()
        let error = try await #require(throws: PostgresError.self) {
            try await PostgresConnection.connect(first.connectionString)
        }
        #expect(error.code == .connectionFailed)
    }

    @Test("a socket path too long for the kernel is refused with a message saying what to change")
    func longPathRefused() throws {
        let directory = URL(filePath: "/tmp/" + String(repeating: "d", count: 100))

        let error = try #require(throws: PostgresError.self) { try EmbeddedPostgres(directory: directory).start() }

        #expect(error.code == .embeddedServer)
        #expect(error.message.contains("shorter data folder"))
    }
}
