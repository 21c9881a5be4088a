import Foundation
import HavenTestSupport
import Testing

/// `haven serve` takes the vault's key-encryption key from the environment and refuses one it cannot trust.
@Suite(.timeLimit(.minutes(5))) struct VaultKeyTests {
    @Test func serveRefusesAKeyFileOthersCanRead() async throws {
        let home = try Repository.temporaryFolder("vault-key")
        let file = home.appending(path: "shared.kek")
        // 32 bytes of 0x01 in base64.
        try Data("AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)

        let result = try await HavenProcess.run(
            ["serve", "--port", "0"], environment: ["HAVEN_HOME": home.path, "HAVEN_VAULT_KEK_FILE": file.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("has mode 644"))
        #expect(result.stderr.contains("chmod 600 " + file.path))
        #expect(!result.stderr.contains("AQEBAQEB"))
    }

    @Test func serveRefusesAnInlineKeyOfTheWrongLength() async throws {
        // 16 bytes of 0x01 in base64: half an AES-256 key.
        let result = try await HavenProcess.run(
            ["serve", "--port", "0"], environment: ["HAVEN_VAULT_KEK": "AQEBAQEBAQEBAQEBAQEBAQ=="])
        #expect(result.status == 64)
        #expect(result.stderr.contains("HAVEN_VAULT_KEK: a key-encryption key has 32 bytes; this one has 16"))
    }
}
