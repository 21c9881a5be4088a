internal import COpenSSL
import Foundation

/// An Ed25519 signing key (RFC 8032), held in an OpenSSL `EVP_PKEY` that is freed with the key.
///
/// The key is immutable once made and OpenSSL's one-shot signing reads it without changing it, so a key
/// may sign from several tasks at once.
public final class Ed25519PrivateKey: @unchecked Sendable {
    // `@unchecked Sendable` is safe: `key` is never mutated after init, and EVP_DigestSign with a fresh
    // EVP_MD_CTX per call only reads the EVP_PKEY.
    let key: OpaquePointer

    /// The 32-byte seed length of an Ed25519 private key.
    public static let seedByteCount = 32

    /// Makes a new random key from OpenSSL's CSPRNG.
    ///
    /// - Throws: ``HavenCryptoError`` if OpenSSL cannot generate the key.
    public convenience init() throws {
        try self.init(seed: SecureRandom.bytes(Self.seedByteCount))
    }

    /// Makes the key whose 32-byte seed is `seed`, as stored in a key file.
    ///
    /// - Throws: ``HavenCryptoError`` with `.invalidKey` if `seed` is not 32 bytes.
    public init(seed: Data) throws {
        guard seed.count == Self.seedByteCount else {
            throw HavenCryptoError(
                .invalidKey, "an Ed25519 private key seed has 32 bytes, not \(seed.count); check the key file")
        }
        let made = seed.withUnsafeBytes { bytes in
            EVP_PKEY_new_raw_private_key(
                EVP_PKEY_ED25519, nil, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        guard let made else {
            throw HavenCryptoError(.operationFailed, "OpenSSL could not make an Ed25519 key from its seed")
        }
        self.key = made
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// The 32-byte seed, to store in a key file readable by Haven alone.
    public var seed: Data {
        var length = Self.seedByteCount
        var output = [UInt8](repeating: 0, count: length)
        let succeeded = EVP_PKEY_get_raw_private_key(key, &output, &length) == 1
        // An Ed25519 EVP_PKEY made from a raw seed always has its raw private key.
        precondition(succeeded && length == Self.seedByteCount, "OpenSSL lost the Ed25519 private key")
        return Data(output)
    }

    /// The matching public key.
    public var publicKey: Ed25519PublicKey {
        var length = Ed25519PublicKey.byteCount
        var output = [UInt8](repeating: 0, count: length)
        let succeeded = EVP_PKEY_get_raw_public_key(key, &output, &length) == 1
        precondition(succeeded && length == Ed25519PublicKey.byteCount, "OpenSSL lost the Ed25519 public key")
        // 32 bytes from OpenSSL always make a valid public key.
        return try! Ed25519PublicKey(rawRepresentation: Data(output))
    }

    /// The 64-byte Ed25519 signature of `message`.
    ///
    /// - Throws: ``HavenCryptoError`` if OpenSSL cannot allocate a context or sign.
    public func signature(for message: Data) throws -> Data {
        guard let context = EVP_MD_CTX_new() else {
            throw HavenCryptoError(.contextUnavailable, "OpenSSL could not allocate an Ed25519 signing context")
        }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestSignInit(context, nil, nil, nil, key) == 1 else {
            throw HavenCryptoError(.operationFailed, "OpenSSL could not start an Ed25519 signature")
        }

        var length = Ed25519PublicKey.signatureByteCount
        var output = [UInt8](repeating: 0, count: length)
        let signed = message.withUnsafeBytes { bytes in
            EVP_DigestSign(
                context, &output, &length, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        guard signed == 1, length == Ed25519PublicKey.signatureByteCount else {
            throw HavenCryptoError(.operationFailed, "OpenSSL could not sign with Ed25519")
        }
        return Data(output)
    }
}
