internal import COpenSSL
import Foundation

/// One AES-256-GCM operation on an OpenSSL `EVP_CIPHER_CTX`, which this object owns and frees in `deinit`.
///
/// Not `Sendable`: an operation runs start to finish on one task.
final class AESGCMContext {
    private let context: OpaquePointer
    private let encrypting: Bool

    /// Starts encrypting or decrypting with `key` and `nonce`.
    init(encrypting: Bool, key: Data, nonce: Data) throws {
        guard let context = EVP_CIPHER_CTX_new() else {
            throw HavenCryptoError(.contextUnavailable, "OpenSSL could not allocate an AES-256-GCM context")
        }

        // From here on `deinit` frees the context, including when a step below fails.
        self.context = context
        self.encrypting = encrypting
        let mode: Int32 = encrypting ? 1 : 0
        guard EVP_CipherInit_ex(context, EVP_aes_256_gcm(), nil, nil, nil, mode) == 1,
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_IVLEN, Int32(nonce.count), nil) == 1
        else {
            throw HavenCryptoError(.operationFailed, "OpenSSL could not set up AES-256-GCM")
        }
        let keyed = key.withUnsafeBytes { keyBytes in
            nonce.withUnsafeBytes { nonceBytes in
                EVP_CipherInit_ex(
                    context, nil, nil, keyBytes.bindMemory(to: UInt8.self).baseAddress,
                    nonceBytes.bindMemory(to: UInt8.self).baseAddress, mode)
            }
        }
        guard keyed == 1 else {
            throw HavenCryptoError(.operationFailed, "OpenSSL could not load the AES-256-GCM key and nonce")
        }
    }

    deinit {
        EVP_CIPHER_CTX_free(context)
    }

    /// Feeds associated data, which is authenticated but not encrypted.
    func authenticate(_ associatedData: Data) throws {
        guard !associatedData.isEmpty else { return }
        var written: Int32 = 0
        let result = associatedData.withUnsafeBytes { bytes in
            EVP_CipherUpdate(
                context, nil, &written, bytes.bindMemory(to: UInt8.self).baseAddress, Int32(bytes.count))
        }
        guard result == 1 else {
            throw HavenCryptoError(.operationFailed, "OpenSSL refused the AES-256-GCM associated data")
        }
    }

    /// Encrypts or decrypts `input`; GCM is a stream mode, so the output has the input's length.
    func transform(_ input: Data) throws -> Data {
        guard !input.isEmpty else { return Data() }
        var output = [UInt8](repeating: 0, count: input.count)
        var written: Int32 = 0
        let result = input.withUnsafeBytes { bytes in
            EVP_CipherUpdate(
                context, &output, &written, bytes.bindMemory(to: UInt8.self).baseAddress, Int32(bytes.count))
        }
        guard result == 1, Int(written) == input.count else {
            throw HavenCryptoError(.operationFailed, "OpenSSL could not run AES-256-GCM over the input")
        }
        return Data(output)
    }

    /// Gives a decryption the tag to check in ``finish()``.
    func setExpectedTag(_ tag: Data) throws {
        var bytes = [UInt8](tag)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(bytes.count), &bytes) == 1 else {
            throw HavenCryptoError(.operationFailed, "OpenSSL refused the AES-256-GCM tag")
        }
    }

    /// Ends the operation; a decryption fails here when the tag does not match.
    func finish() throws {
        var trailing = [UInt8](repeating: 0, count: 16)
        var written: Int32 = 0
        guard EVP_CipherFinal_ex(context, &trailing, &written) == 1 else {
            throw HavenCryptoError(.operationFailed, "OpenSSL could not finish AES-256-GCM")
        }
    }

    /// The tag of a finished encryption.
    func tag() throws -> Data {
        precondition(encrypting, "only an encryption produces a tag")
        var bytes = [UInt8](repeating: 0, count: AESGCM.tagByteCount)
        guard EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(bytes.count), &bytes) == 1 else {
            throw HavenCryptoError(.operationFailed, "OpenSSL could not produce the AES-256-GCM tag")
        }
        return Data(bytes)
    }
}
