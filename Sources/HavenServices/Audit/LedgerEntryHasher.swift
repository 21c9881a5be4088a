import Foundation
import HavenCrypto

/// Hashes the entry lines of an export straight from their bytes, reusing one SHA-256 context and its buffers,
/// so that checking a line allocates nothing in the common case.
///
/// Not `Sendable`: one verifier uses it at a time.
final class LedgerEntryHasher {
    /// The last entry's digest, 32 bytes.
    private(set) var digest = [UInt8](repeating: 0, count: SHA256.byteCount)
    /// The chain hash after the last entry, 32 bytes.
    private(set) var hash = [UInt8](repeating: 0, count: SHA256.byteCount)
    private let sha256: SHA256Hasher
    private var values: [LedgerLineParser.Value?] = []
    private var encoding: [UInt8] = []

    init() throws {
        sha256 = try SHA256Hasher()
        encoding.reserveCapacity(1024)
    }

    /// What ``read(_:after:)`` found in an entry line.
    struct Entry {
        var sequence: Int64
        /// Whether the line's `hash` member spells ``LedgerEntryHasher/hash`` in hex.
        var hashMatches: Bool
        /// The line's `hash` member; an `ascii` value is valid only while the line is.
        var claimed: LedgerLineParser.Value?
    }

    /// Reads `bytes` as an entry line in the exporter's exact shape, computes its digest and the chain hash after
    /// `previous` into ``digest`` and ``hash``, and checks the hash the line claims; nil for any other line.
    func read(_ bytes: UnsafeBufferPointer<UInt8>, after previous: Data) -> Entry? {
        // Worked on as locals, so that the hot loop pays no exclusivity checks on this object's properties.
        var values = self.values
        var encoding = self.encoding
        self.values = []
        self.encoding = []
        defer {
            self.values = values
            self.encoding = encoding
        }
        guard let entry = LedgerLine.entry(bytes, values: &values, encoding: &encoding) else { return nil }
        encoding.withUnsafeBytes { sha256.update($0) }
        digest.withUnsafeMutableBytes { sha256.finalize(into: $0) }
        previous.withUnsafeBytes { sha256.update($0) }
        digest.withUnsafeBytes { sha256.update($0) }
        hash.withUnsafeMutableBytes { sha256.finalize(into: $0) }

        let matches: Bool
        switch entry.hash {
        case .ascii(let text)?: matches = Self.hex(text, spells: hash)
        case .string(let text)?: matches = Hex.encode(Data(hash)) == text.lowercased()
        default: matches = false
        }
        return Entry(sequence: entry.sequence, hashMatches: matches, claimed: entry.hash)
    }

    /// Whether the ASCII `text` is `bytes` in hex of either case.
    static func hex(_ text: UnsafeBufferPointer<UInt8>, spells bytes: [UInt8]) -> Bool {
        guard text.count == bytes.count * 2 else { return false }
        for (offset, byte) in bytes.enumerated()
        where !digit(text[2 * offset], is: byte >> 4) || !digit(text[2 * offset + 1], is: byte & 0x0f) {
            return false
        }
        return true
    }

    /// Whether the ASCII `digit` is the hex digit of `nibble` in either case.
    static func digit(_ digit: UInt8, is nibble: UInt8) -> Bool {
        let lower = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(digit) ? digit | 0x20 : digit
        return lower == (nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
    }
}
