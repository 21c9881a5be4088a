internal import COpenSSL
import Foundation

/// One-shot SHA-256 digests through OpenSSL's EVP interface.
public enum SHA256 {
    /// The digest's length in bytes.
    public static let byteCount = 32

    /// The SHA-256 digest of `data` as 64 lowercase hex characters.
    public static func hex(_ data: Data) -> String {
        Hex.encode(digest(data))
    }

    /// The raw 32-byte SHA-256 digest of `data`.
    public static func digest(_ data: Data) -> Data {
        var output = [UInt8](repeating: 0, count: byteCount)
        let succeeded = data.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &output, nil, EVP_sha256(), nil) == 1
        }

        // EVP_Digest fails only when it cannot allocate its context; nothing in Haven can go on then.
        precondition(succeeded, "OpenSSL EVP_Digest(SHA-256) failed; the process is out of memory")
        return Data(output)
    }
}
