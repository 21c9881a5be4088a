internal import COpenSSL
import Foundation

/// A key that verifies JSON Web Signatures: RSA with SHA-256 (`RS256`) or ECDSA on P-256 with SHA-256 (`ES256`),
/// held in an OpenSSL `EVP_PKEY` that is freed with the key.
public final class JWSPublicKey: @unchecked Sendable {
    // `@unchecked Sendable` is safe: `key` is never mutated after init, and each verification uses a fresh
    // EVP_MD_CTX that only reads the EVP_PKEY.
    let key: OpaquePointer
    public let algorithm: Algorithm

    public enum Algorithm: String, Sendable {
        case rs256 = "RS256"
        case es256 = "ES256"
    }

    // rsaEncryption 1.2.840.113549.1.1.1, id-ecPublicKey 1.2.840.10045.2.1, prime256v1 1.2.840.10045.3.1.7.
    static let rsaEncryption: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
    static let ecPublicKey: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    static let prime256v1: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]

    private init(subjectPublicKeyInfo der: Data, algorithm: Algorithm) throws {
        let made = der.withUnsafeBytes { bytes -> OpaquePointer? in
            var cursor: UnsafePointer<UInt8>? = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
            return d2i_PUBKEY(nil, &cursor, bytes.count)
        }
        guard let made else {
            throw HavenCryptoError(.invalidKey, "OpenSSL refused the \(algorithm.rawValue) public key")
        }
        self.key = made
        self.algorithm = algorithm
    }

    deinit {
        EVP_PKEY_free(key)
    }

    /// An RS256 key from its modulus and public exponent (big-endian bytes, as a JWK's `n` and `e`).
    public static func rsa(modulus: Data, exponent: Data) throws -> JWSPublicKey {
        guard modulus.count >= 256 else {
            throw HavenCryptoError(.invalidKey, "an RSA modulus of \(modulus.count * 8) bits is too short; use 2048")
        }
        let algorithmID = DER.sequence([DER.objectIdentifier(rsaEncryption), DER.null])
        let publicKey = DER.sequence([DER.unsignedInteger(modulus), DER.unsignedInteger(exponent)])
        return try JWSPublicKey(
            subjectPublicKeyInfo: DER.sequence([algorithmID, DER.bitString(publicKey)]), algorithm: .rs256)
    }

    /// An ES256 key from its P-256 point (32-byte big-endian `x` and `y`, as a JWK's `x` and `y`).
    public static func p256(x: Data, y: Data) throws -> JWSPublicKey {
        guard x.count == 32, y.count == 32 else {
            throw HavenCryptoError(.invalidKey, "a P-256 point has 32-byte coordinates, not \(x.count) and \(y.count)")
        }
        let algorithmID = DER.sequence([DER.objectIdentifier(ecPublicKey), DER.objectIdentifier(prime256v1)])
        let point = Data([0x04]) + x + y
        return try JWSPublicKey(
            subjectPublicKeyInfo: DER.sequence([algorithmID, DER.bitString(point)]), algorithm: .es256)
    }

    /// Whether `signature` is this key's signature of `message`; an ES256 signature is JOSE's raw `r || s`.
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        var signature = signature
        if algorithm == .es256 {
            guard signature.count == 64 else { return false }
            signature = DER.sequence([
                DER.unsignedInteger(signature.prefix(32)), DER.unsignedInteger(signature.suffix(32)),
            ])
        }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else { return false }
        return signature.withUnsafeBytes { signatureBytes in
            message.withUnsafeBytes { messageBytes in
                EVP_DigestVerify(
                    context, signatureBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), signatureBytes.count,
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count) == 1
            }
        }
    }
}
