import Foundation
import HavenTestSupport
import Testing

/// `haven serve` signs the ledger with the key in `HAVEN_LEDGER_KEY_FILE` when it is set.
@Suite(.timeLimit(.minutes(5))) struct LedgerKeyEnvironmentTests {
    @Test func serveReadsTheLedgerKeyFileTheEnvironmentNames() async throws {
        let home = try Repository.temporaryFolder("ledger-key")
        let file = home.appending(path: "elsewhere/ledger.key")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("not a key\n".utf8).write(to: file)

        // The file named by the variable is read, refused for what it holds, and named in the message.
        let result = try await HavenProcess.run(
            ["serve", "--port", "0"], environment: ["HAVEN_HOME": home.path, "HAVEN_LEDGER_KEY_FILE": file.path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("the ledger key file \(file.path) does not hold 64 hex characters"))
        #expect(!FileManager.default.fileExists(atPath: home.appending(path: "ledger-key").path))
    }

    @Test func relativeKeyFileIsFoundInTheWorkingFolder() async throws {
        // HavenProcess runs haven in the temporary folder, so a relative name resolves there, not beside it.
        let name = "haven-ledger-key-\(UUID().uuidString.lowercased())"
        let folder = FileManager.default.temporaryDirectory.appending(path: name)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appending(path: "ledger.key")
        try Data("not a key\n".utf8).write(to: file)

        let home = try Repository.temporaryFolder("ledger-key-relative")
        let result = try await HavenProcess.run(
            ["serve", "--port", "0"],
            environment: ["HAVEN_HOME": home.path, "HAVEN_LEDGER_KEY_FILE": name + "/ledger.key"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("the ledger key file \(file.path) does not hold 64 hex characters"))
    }
}
