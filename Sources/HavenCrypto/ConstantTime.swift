internal import COpenSSL
import Foundation

/// Whether `a` and `b` hold the same bytes, taking time that depends on their length but not their content.
///
/// Use it to compare secrets such as token digests and signatures, where an early exit would leak
/// how many leading bytes an attacker guessed right. Lengths are not secret and are compared first.
public func constantTimeEquals(_ a: Data, _ b: Data) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }

    return a.withUnsafeBytes { left in
        b.withUnsafeBytes { right in
            CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
        }
    }
}
