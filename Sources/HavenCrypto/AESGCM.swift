internal import COpenSSL
import Foundation

/// AES-256-GCM authenticated encryption through OpenSSL's EVP interface.
///
/// A sealed box is `nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)`. Each seal draws a fresh random nonce, so one
/// key may seal many messages; the associated data is authenticated but not stored, and must be given again to open.
public enum AESGCM {
    /// The key length in bytes (AES-256).
    public static let keyByteCount = 32
    /// The nonce length in bytes, the size GCM handles without an extra hashing step.
    public static let nonceByteCount = 12
    /// The authentication tag length in bytes.
    public static let tagByteCount = 16

    /// Encrypts and authenticates `plaintext` under `key`, binding `associatedData` to it.
    ///
    /// - Returns: the sealed box, `nonce ‖ ciphertext ‖ tag`.
    /// - Throws: ``HavenCryptoError`` with `.invalidInput` for a key that is not 32 bytes, or when OpenSSL fails.
    public static func seal(_ plaintext: Data, key: Data, associatedData: Data = Data()) throws -> Data {
        try checkKey(key)
        let nonce = SecureRandom.bytes(nonceByteCount)
        let context = try AESGCMContext(encrypting: true, key: key, nonce: nonce)
        try context.authenticate(associatedData)
        let ciphertext = try context.transform(plaintext)
        try context.finish()
        return nonce + ciphertext + (try context.tag())
    }

    /// Checks and decrypts a sealed box made by ``seal(_:key:associatedData:)``.
    ///
    /// - Throws: ``HavenCryptoError`` with `.authenticationFailed` when the box was altered, the key is not the one
    ///   it was sealed with, or `associatedData` differs; `.invalidInput` for a malformed box or key.
    public static func open(_ sealed: Data, key: Data, associatedData: Data = Data()) throws -> Data {
        try checkKey(key)
        guard sealed.count >= nonceByteCount + tagByteCount else {
            throw HavenCryptoError(
                .invalidInput,
                "a sealed box has \(sealed.count) bytes; at least \(nonceByteCount + tagByteCount) are needed")
        }
        let bytes = Data(sealed)
        let nonce = bytes.prefix(nonceByteCount)
        let tag = bytes.suffix(tagByteCount)
        let ciphertext = bytes.dropFirst(nonceByteCount).dropLast(tagByteCount)

        let context = try AESGCMContext(encrypting: false, key: key, nonce: Data(nonce))
        try context.authenticate(associatedData)
        let plaintext = try context.transform(Data(ciphertext))
        try context.setExpectedTag(Data(tag))
        do {
            try context.finish()
        } catch {
            throw HavenCryptoError(
                .authenticationFailed,
                "the sealed box did not authenticate: it was altered, or the key or associated data is not the one "
                    + "it was sealed with")
        }
        return plaintext
    }

    private static func checkKey(_ key: Data) throws {
        guard key.count == keyByteCount else {
            throw HavenCryptoError(
                .invalidInput, "an AES-256-GCM key has \(keyByteCount) bytes; this one has \(key.count)")
        }
    }
}
