import Foundation

/// Where `haven serve` finds the vault's key-encryption key.
public enum VaultKeySource: Sendable {
    /// A file holding the key as base64, readable by its owner only (`HAVEN_VAULT_KEK_FILE`).
    case file(URL)
    /// The key itself (`HAVEN_VAULT_KEK`).
    case value(KeyEncryptionKey)
    /// `HAVEN_HOME/vault.kek`, created with a random key and mode 0600 on first start.
    case home

    /// The key, creating the home key file when it does not exist yet.
    func load(home: URL) throws(VaultError) -> KeyEncryptionKey {
        switch self {
        case .file(let file):
            return try KeyEncryptionKey.load(file: file)
        case .value(let key):
            return key
        case .home:
            let file = Self.homeFile(home)
            guard FileManager.default.fileExists(atPath: file.path) else {
                let key = KeyEncryptionKey.random()
                try key.write(to: file)
                return key
            }
            return try KeyEncryptionKey.load(file: file)
        }
    }

    /// The file a new key is written to after a rotation, when the key came from a file.
    func file(home: URL) -> URL? {
        switch self {
        case .file(let file): return file
        case .value: return nil
        case .home: return Self.homeFile(home)
        }
    }

    static func homeFile(_ home: URL) -> URL { home.appending(path: "vault.kek") }
}
