import Foundation
import HavenCrypto

/// The key that wraps every data key of the vault: 32 bytes, named by a key id that is safe to store and show.
public struct KeyEncryptionKey: Sendable, CustomStringConvertible {
    /// The first 16 hex digits of the key's SHA-256; stored beside each data key it wraps.
    public let id: String
    let bytes: Data

    /// A key from its 32 raw bytes.
    public init(bytes: Data) throws(VaultError) {
        guard bytes.count == AESGCM.keyByteCount else {
            throw VaultError(
                .keyInvalid,
                "a key-encryption key has \(AESGCM.keyByteCount) bytes; this one has \(bytes.count); "
                    + "make one with `openssl rand -base64 32`")
        }
        self.init(checked: bytes)
    }

    private init(checked bytes: Data) {
        self.bytes = Data(bytes)
        self.id = String(SHA256.hex(bytes).prefix(16))
    }

    /// A key from base64 text, as `HAVEN_VAULT_KEK` and key files hold it; surrounding whitespace is ignored.
    public init(base64 text: String) throws(VaultError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: trimmed) else {
            throw VaultError(
                .keyInvalid, "the key-encryption key is not base64; make one with `openssl rand -base64 32`")
        }
        try self.init(bytes: bytes)
    }

    /// A fresh random key.
    public static func random() -> KeyEncryptionKey {
        KeyEncryptionKey(checked: SecureRandom.bytes(AESGCM.keyByteCount))
    }

    /// The key in `file`, refusing a file its group or others may read.
    public static func load(file: URL) throws(VaultError) -> KeyEncryptionKey {
        let attributes: [FileAttributeKey: Any]
        let text: String
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw VaultError(
                .keyFileUnreadable, "cannot read the key-encryption key file \(file.path); check the path and owner")
        }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0o777
        guard mode & 0o077 == 0 else {
            throw VaultError(
                .keyFileUnsafe,
                "the key-encryption key file \(file.path) has mode \(String(mode, radix: 8)); "
                    + "run `chmod 600 \(file.path)` so that only its owner can read it")
        }
        return try KeyEncryptionKey(base64: text)
    }

    /// Writes the key to `file` as base64 with mode 0600, replacing the file in one rename.
    public func write(to file: URL) throws(VaultError) {
        let temporary = file.deletingLastPathComponent().appending(path: "." + file.lastPathComponent + ".new")
        do {
            try FileManager.default.createDirectory(
                at: file.deletingLastPathComponent(), withIntermediateDirectories: true)

            // Created with mode 0600 from the start, so that the key is never readable by others.
            let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission) }
            let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
            try handle.write(contentsOf: Data((bytes.base64EncodedString() + "\n").utf8))
            try handle.close()
            guard rename(temporary.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw VaultError(
                .keyFileUnreadable, "cannot write the key-encryption key file \(file.path); check its folder")
        }
    }

    /// Names the key by its id only.
    public var description: String { "KeyEncryptionKey(\(id))" }
}
