import Foundation
import HavenCrypto
import HavenLogging
import HavenTestSupport
import Testing

@testable import HavenServices

/// The vault against a real server and database: sealed values that were tampered with, moved or wrapped under
/// another key are refused; values never reach logs, errors or responses; rotations are atomic for readers.
@Suite(.timeLimit(.minutes(5))) struct SecretVaultTests {
    @Test func flippedBitMovedRowAndWrongKeyAreRefusedAndTheValueNeverLeaks() async throws {
        let vault = try await VaultServer.start()
        defer { Task { await vault.test.server.shutdown() } }
        let pacs = "pacs-" + SecureRandom.token()
        let s3 = "s3-" + SecureRandom.token()
        var seen: [String] = []
        seen.append(
            String(
                decoding: try await vault.owner.raw("PUT", VaultServer.path("pacs"), body: Data(pacs.utf8)),
                as: UTF8.self))
        seen.append(
            String(
                decoding: try await vault.owner.raw("PUT", VaultServer.path("s3"), body: Data(s3.utf8)), as: UTF8.self))
        #expect(try await vault.owner.raw("GET", VaultServer.path("pacs")) == Data(pacs.utf8))
        seen.append(String(decoding: try await vault.owner.data("/v1/projects/spine-ct/secrets"), as: UTF8.self))

        // Flip one bit of the stored ciphertext (byte 20 lies after the 12-byte nonce), then put it back.
        let pool = vault.test.server.pool
        let row = "secret_id = (SELECT id FROM secrets WHERE name = $1) AND version = 1"
        try await pool.execute(
            "UPDATE secret_versions SET sealed_value = set_byte(sealed_value, 20, get_byte(sealed_value, 20) # 1) "
                + "WHERE " + row, ["pacs"])
        seen.append(try await refusal(vault.owner, "pacs", expecting: "does not open"))
        try await pool.execute(
            "UPDATE secret_versions SET sealed_value = set_byte(sealed_value, 20, get_byte(sealed_value, 20) # 1) "
                + "WHERE " + row, ["pacs"])
        #expect(try await vault.owner.raw("GET", VaultServer.path("pacs")) == Data(pacs.utf8))

        // Copy the s3 secret's boxes onto the pacs row: the bound name differs, so neither box opens there.
        try await pool.execute(
            """
            UPDATE secret_versions t SET sealed_value = f.sealed_value, wrapped_key = f.wrapped_key
            FROM secret_versions f
            WHERE f.secret_id = (SELECT id FROM secrets WHERE name = 's3') AND f.version = 1
              AND t.secret_id = (SELECT id FROM secrets WHERE name = 'pacs') AND t.version = 1
            """)
        seen.append(try await refusal(vault.owner, "pacs", expecting: "copied from another secret"))

        // A second server on the same database with another key-encryption key holds no key for the stored id.
        var configuration = ServerConfiguration(
            home: try Repository.temporaryFolder("vault-wrong-key"), databaseURL: vault.databaseURL, port: 0,
            runnerExecutable: Repository.havenExecutable, migrationsDirectory: Repository.migrations)
        configuration.vaultKey = .value(KeyEncryptionKey.random())
        let other = try await HavenServer.start(configuration, logger: .disabled)
        defer { Task { await other.shutdown() } }
        let ownerThere = HavenClient(baseURL: other.url, token: vault.owner.token ?? "")
        seen.append(try await refusal(ownerThere, "s3", expecting: "does not hold"))

        seen.append(try await vault.auditText())
        seen.append(vault.logText)
        for text in seen {
            #expect(!text.contains(pacs) && !text.contains(s3), "a secret value leaked into \(text.prefix(200))")
        }
        #expect(vault.logText.contains("handler answered with a server error"))
    }

    @Test func researcherMayUseButNotReadASecret() async throws {
        let vault = try await VaultServer.start()
        defer { Task { await vault.test.server.shutdown() } }
        _ = try await vault.researcher.raw("PUT", VaultServer.path("registry-token"), body: Data("t0ken".utf8))

        await #expect { try await vault.researcher.raw("GET", VaultServer.path("registry-token")) } throws: {
            ($0 as? HavenClientError)?.status == 403
        }
        let names: [SecretAPI.View] = try await vault.researcher.get("/v1/projects/spine-ct/secrets")
        #expect(names.map(\.name) == ["registry-token"])
        #expect(try await vault.owner.raw("GET", VaultServer.path("registry-token")) == Data("t0ken".utf8))

        let audit = try await vault.auditText()
        #expect(audit.contains("\"action\":\"secret.read\"") && audit.contains("\"outcome\":\"denied\""))
        #expect(audit.contains("\"action\":\"secret.write\""))
    }

    @Test func readersDuringRotationGetAWholeOldOrNewVersion() async throws {
        let vault = try await VaultServer.start()
        defer { Task { await vault.test.server.shutdown() } }

        // Each version is 256 copies of one letter, so a mixed read would hold two letters.
        let versions = (0..<8).map { Data(repeating: UInt8(ascii: "a") + UInt8($0), count: 256) }
        _ = try await vault.owner.raw("PUT", VaultServer.path("rotating"), body: versions[0])
        let reads = try await withThrowingTaskGroup(of: [Data].self) { group in
            group.addTask {
                for value in versions.dropFirst() {
                    _ = try await vault.owner.raw("POST", VaultServer.path("rotating") + "/versions", body: value)
                }
                return []
            }
            for _ in 0..<3 {
                group.addTask {
                    var seen: [Data] = []
                    for _ in 0..<15 { seen.append(try await vault.owner.raw("GET", VaultServer.path("rotating"))) }
                    return seen
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(reads.count == 45)
        #expect(reads.allSatisfy(versions.contains))
        #expect(try await vault.owner.raw("GET", VaultServer.path("rotating")) == versions[7])
        #expect(try await vault.owner.raw("GET", VaultServer.path("rotating") + "?version=1") == versions[0])
    }

    @Test func rotateKEKUnderConcurrentReadsLosesNoSecret() async throws {
        let vault = try await VaultServer.start()
        defer { Task { await vault.test.server.shutdown() } }
        let values = (0..<60).map { "value-\($0)-" + SecureRandom.token() }
        for (index, value) in values.enumerated() {
            _ = try await vault.owner.raw("PUT", VaultServer.path("s\(index)"), body: Data(value.utf8))
        }

        let newKey = SecureRandom.bytes(32)
        // The key id is the first 16 hex digits of the key's SHA-256.
        let newID = String(SHA256.hex(newKey).prefix(16))
        let result = try await withThrowingTaskGroup(of: SecretAPI.KEKRotation?.self) { group in
            group.addTask {
                let body = SecretAPI.RotateKEK(key: newKey.base64EncodedString())
                return try await vault.test.admin.post("/v1/vault/rotate-kek", body)
            }
            group.addTask {
                for round in 0..<3 {
                    for (index, value) in values.enumerated() where index % 3 == round {
                        let read = try await vault.owner.raw("GET", VaultServer.path("s\(index)"))
                        guard read == Data(value.utf8) else { throw TestFailure("s\(index) read wrong") }
                    }
                }
                return nil
            }
            return try await group.reduce(into: [SecretAPI.KEKRotation]()) { results, result in
                if let result { results.append(result) }
            }
        }
        #expect(result.first?.kekID == newID)
        #expect(result.first?.rewrapped == 60)

        let ids: [SecretAPI.View] = try await vault.owner.get("/v1/projects/spine-ct/secrets")
        #expect(ids.count == 60)
        #expect(ids.allSatisfy { $0.versions.allSatisfy { $0.kekID == newID } })
        for (index, value) in values.enumerated() {
            #expect(try await vault.owner.raw("GET", VaultServer.path("s\(index)")) == Data(value.utf8))
        }
        let saved = try String(contentsOf: vault.test.home.appending(path: "vault.kek"), encoding: .utf8)
        #expect(Data(base64Encoded: saved.trimmingCharacters(in: .whitespacesAndNewlines)) == newKey)
    }

    @Test func deletedSecretIsRecoverableAndPurgedOnlyAfterItsWindow() async throws {
        let vault = try await VaultServer.start()
        defer { Task { await vault.test.server.shutdown() } }
        let path = VaultServer.path("old-key")
        _ = try await vault.owner.raw("PUT", path, body: Data("v1".utf8))

        _ = try await vault.owner.raw("POST", path + "/disable")
        await #expect { try await vault.owner.raw("GET", path) } throws: { ($0 as? HavenClientError)?.status == 409 }
        _ = try await vault.owner.raw("POST", path + "/recover")
        #expect(try await vault.owner.raw("GET", path) == Data("v1".utf8))

        _ = try await vault.owner.raw("POST", path + "/delete?recovery=3600")
        await #expect { try await vault.owner.raw("DELETE", path) } throws: {
            ($0 as? HavenClientError)?.status == 409
        }
        _ = try await vault.owner.raw("POST", path + "/recover")
        _ = try await vault.owner.raw("POST", path + "/delete?recovery=0")
        _ = try await vault.owner.raw("DELETE", path)
        let left: [SecretAPI.View] = try await vault.owner.get("/v1/projects/spine-ct/secrets")
        #expect(left.isEmpty)
    }

    /// Reads secret `name` expecting a refusal whose message holds `expecting`; returns the error's description.
    private func refusal(_ client: HavenClient, _ name: String, expecting: String) async throws -> String {
        do {
            _ = try await client.raw("GET", VaultServer.path(name))
        } catch let error as HavenClientError {
            #expect(error.status == 500)
            #expect(error.description.contains(expecting), "\(error.description)")
            return error.description
        }
        throw TestFailure("reading \(name) was not refused")
    }
}
