internal import COpenSSL
import Foundation

/// HMAC with SHA-256 (RFC 2104), for signing tokens and webhook payloads.
public enum HMACSHA256 {
    /// The 32-byte HMAC-SHA256 of `message` under `key`.
    public static func sign(key: Data, message: Data) -> Data {
        var output = [UInt8](repeating: 0, count: SHA256.byteCount)
        var length: UInt32 = 0
        let result = key.withUnsafeBytes { keyBytes in
            message.withUnsafeBytes { messageBytes in
                HMAC(
                    EVP_sha256(), keyBytes.baseAddress, Int32(keyBytes.count),
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count,
                    &output, &length)
            }
        }

        // One-shot HMAC fails only when it cannot allocate its context.
        precondition(result != nil && length == UInt32(SHA256.byteCount), "OpenSSL HMAC(SHA-256) failed")
        return Data(output)
    }
}
