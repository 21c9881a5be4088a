internal import COpenSSL
import Foundation

/// Cryptographically secure random bytes and tokens from OpenSSL's CSPRNG.
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> Data {
        precondition(count >= 0, "SecureRandom.bytes needs a count of zero or more")
        var output = [UInt8](repeating: 0, count: count)
        guard count > 0 else { return Data() }

        // RAND_bytes fails only when the generator cannot be seeded; handing out weak tokens would be worse.
        let succeeded = RAND_bytes(&output, Int32(count)) == 1
        precondition(succeeded, "OpenSSL RAND_bytes failed; the system has no usable entropy source")
        return Data(output)
    }

    /// A random token of `bytes` random bytes, written as base64url without padding (43 characters for 32 bytes).
    public static func token(bytes count: Int = 32) -> String {
        Base64URL.encode(bytes(count))
    }
}
