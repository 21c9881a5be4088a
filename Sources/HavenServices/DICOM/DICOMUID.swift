import Foundation
import HavenCrypto

/// UIDs Haven makes: `2.25.` followed by the decimal form of a 128-bit number (PS3.5 B.2), so no organisation
/// root is needed.
public enum DICOMUID {
    /// The project's replacement for `original`: the first 128 bits of HMAC-SHA256(`key`, `original`). The same
    /// key and original always give the same UID, so a series stays together; without the key, the original
    /// cannot be recovered or checked.
    public static func derive(key: Data, original: String) -> String {
        let digest = HMACSHA256.sign(key: key, message: Data(original.utf8))
        let value = digest.prefix(16).reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
        return "2.25." + String(value)
    }

    /// A value derived from the key for `purpose`, in `0..<modulus`; used for the project's date shift and
    /// patient pseudonyms.
    static func number(key: Data, purpose: String, modulus: UInt64) -> UInt64 {
        let digest = HMACSHA256.sign(key: key, message: Data(purpose.utf8))
        return digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % modulus
    }
}
