import Foundation
import HavenCrypto

/// Envelope encryption of one secret version: the value sealed with AES-256-GCM under a fresh data key, and the
/// data key sealed under the key-encryption key. Both boxes bind the project, name and version as associated data,
/// so a box copied onto another secret's row does not open.
enum SecretSealer {
    /// Where a version belongs: the associated data of both of its boxes.
    struct Binding: Sendable, Equatable {
        var projectID: String
        var name: String
        var version: Int

        /// The value box's associated data.
        var valueContext: Data { Data("haven.secret.value.v1\u{0}\(projectID)\u{0}\(name)\u{0}\(version)".utf8) }

        /// The data-key box's associated data; it also names the wrapping key.
        func keyContext(kekID: String) -> Data {
            Data("haven.secret.key.v1\u{0}\(projectID)\u{0}\(name)\u{0}\(version)\u{0}\(kekID)".utf8)
        }
    }

    /// One stored version's boxes.
    struct Sealed: Sendable, Equatable {
        var sealedValue: Data
        var wrappedKey: Data
        var kekID: String
    }

    /// Seals `value` for `binding` under a new data key wrapped by `kek`.
    static func seal(_ value: Data, for binding: Binding, kek: KeyEncryptionKey) throws -> Sealed {
        let dataKey = SecureRandom.bytes(AESGCM.keyByteCount)
        let sealedValue = try AESGCM.seal(value, key: dataKey, associatedData: binding.valueContext)
        let wrappedKey = try AESGCM.seal(dataKey, key: kek.bytes, associatedData: binding.keyContext(kekID: kek.id))
        return Sealed(sealedValue: sealedValue, wrappedKey: wrappedKey, kekID: kek.id)
    }

    /// Opens `sealed`, which must have been sealed for `binding`.
    static func open(_ sealed: Sealed, for binding: Binding, keyring: VaultKeyring) throws(VaultError) -> Data {
        let dataKey = try unwrap(sealed, for: binding, keyring: keyring)
        do {
            return try AESGCM.open(sealed.sealedValue, key: dataKey, associatedData: binding.valueContext)
        } catch {
            throw refused(binding, "its sealed value")
        }
    }

    /// The same data key wrapped under `kek` instead; the sealed value is untouched.
    static func rewrap(_ sealed: Sealed, for binding: Binding, keyring: VaultKeyring, to kek: KeyEncryptionKey)
        throws(VaultError) -> Sealed
    {
        let dataKey = try unwrap(sealed, for: binding, keyring: keyring)
        do {
            let wrapped = try AESGCM.seal(dataKey, key: kek.bytes, associatedData: binding.keyContext(kekID: kek.id))
            return Sealed(sealedValue: sealed.sealedValue, wrappedKey: wrapped, kekID: kek.id)
        } catch {
            throw VaultError(.sealedValueRefused, "OpenSSL could not rewrap a data key: \(error)")
        }
    }

    private static func unwrap(_ sealed: Sealed, for binding: Binding, keyring: VaultKeyring) throws(VaultError)
        -> Data
    {
        let kek = try keyring.key(id: sealed.kekID)
        do {
            return try AESGCM.open(sealed.wrappedKey, key: kek.bytes, associatedData: binding.keyContext(kekID: kek.id))
        } catch {
            throw refused(binding, "its data key under key-encryption key \(kek.id)")
        }
    }

    private static func refused(_ binding: Binding, _ part: String) -> VaultError {
        VaultError(
            .sealedValueRefused,
            "version \(binding.version) of secret `\(binding.name)` does not open: \(part) did not authenticate. "
                + "It was altered, copied from another secret, or wrapped under a different key; "
                + "restore the row from a backup or put the secret again")
    }
}
