import Foundation
import HavenCrypto

/// The file holding the ledger's Ed25519 signing key: the 32-byte seed in hex, readable by its owner alone.
enum LedgerKeyFile {
    /// The key in `url`, made and written (mode 0600) on first use.
    static func loadOrCreate(at url: URL) throws -> Ed25519PrivateKey {
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            guard let seed = Hex.decode(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                throw HavenCryptoError(
                    .invalidKey, "the ledger key file \(url.path) does not hold 64 hex characters; restore it")
            }
            return try Ed25519PrivateKey(seed: seed)
        }

        let key = try Ed25519PrivateKey()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let created = FileManager.default.createFile(
            atPath: url.path, contents: Data((Hex.encode(key.seed) + "\n").utf8),
            attributes: [.posixPermissions: 0o600])
        guard created else {
            throw HavenCryptoError(
                .operationFailed, "cannot write the ledger key file \(url.path); check that its folder is writable")
        }
        return key
    }
}
