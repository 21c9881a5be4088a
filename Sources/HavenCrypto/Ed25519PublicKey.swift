internal import COpenSSL
import Foundation

/// An Ed25519 verification key (RFC 8032), held in an OpenSSL `EVP_PKEY` that is freed with the key.
public final class Ed25519PublicKey: @unchecked Sendable {
    // `@unchecked Sendable` is safe: `key` is never mutated after init, and EVP_DigestVerify with a fresh
    // EVP_MD_CTX per call only reads the EVP_PKEY.
    let key: OpaquePointer

    /// The length of a raw public key.
    public static let byteCount = 32
    /// The length of an Ed25519 signature.
    public static let signatureByteCount = 64

    /// The 32 raw bytes of the key, as exported and written in hex beside checkpoints.
    public let rawRepresentation: Data

    /// Makes the key from its 32 raw bytes.
    ///
    /// - Throws: ``HavenCryptoError`` with `.invalidKey` if `rawRepresentation` is not 32 bytes or not a key.
    public init(rawRepresentation: Data) throws {
        guard rawRepresentation.count == Self.byteCount else {
            throw HavenCryptoError(
                .invalidKey,
                "an Ed25519 public key has 32 bytes, not \(rawRepresentation.count); export it with "
                    + "`haven audit public-key`")
        }
        let made = rawRepresentation.withUnsafeBytes { bytes in
            EVP_PKEY_new_raw_public_key(
                EVP_PKEY_ED25519, nil, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        guard let made else {
            throw HavenCryptoError(.invalidKey, "OpenSSL refused the 32 bytes as an Ed25519 public key")
        }
        self.key = made
        self.rawRepresentation = rawRepresentation
    }

    /// Makes the key from 64 hex characters.
    ///
    /// - Throws: ``HavenCryptoError`` with `.invalidKey` if `hex` is not 64 hex characters.
    public convenience init(hex: String) throws {
        guard let bytes = Hex.decode(hex.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw HavenCryptoError(.invalidKey, "an Ed25519 public key is written as 64 hex characters")
        }
        try self.init(rawRepresentation: bytes)
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// The key as 64 lowercase hex characters.
    public var hex: String { Hex.encode(rawRepresentation) }

    /// Whether `signature` is this key's Ed25519 signature of `message`.
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        guard signature.count == Self.signatureByteCount, let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1 else { return false }

        return signature.withUnsafeBytes { signatureBytes in
            message.withUnsafeBytes { messageBytes in
                EVP_DigestVerify(
                    context, signatureBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), signatureBytes.count,
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count) == 1
            }
        }
    }
}
