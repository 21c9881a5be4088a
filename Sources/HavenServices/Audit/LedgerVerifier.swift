import Foundation
import HavenCore
import HavenCrypto

/// Checks a JSON-lines ledger export offline, one line at a time, and stops at the first line that breaks.
///
/// It recomputes each entry's digest and chain hash, checks that sequences run on without a gap, and checks each
/// checkpoint's signature against the auditor's public key and its hash against the chain.
public struct LedgerVerifier {
    /// What verification found.
    public struct Report: Sendable, Equatable {
        /// Entries checked, shown in full or by digest.
        public var entries: Int
        /// Checkpoints whose signature and hash held.
        public var checkpoints: Int
        /// The last sequence covered by a valid checkpoint; entries after it are chained but not signed.
        public var lastSignedSequence: Int64?
        /// The first break, or nil if the export holds.
        public var failure: Failure?
    }

    /// The first thing that broke, at which ledger sequence and line.
    public struct Failure: Sendable, Equatable, CustomStringConvertible {
        /// The kinds of breaks.
        public enum Reason: String, Sendable {
            case unreadable
            case missingStart
            case sequenceGap
            case hashMismatch
            case checkpointMismatch
            case badSignature
            case unknownKey
        }

        public var reason: Reason
        /// The ledger sequence where the break is.
        public var sequence: Int64
        /// The 1-based line of the export.
        public var line: Int
        public var message: String

        public var description: String { "line \(line), sequence \(sequence): \(message)" }
    }

    private let publicKey: Ed25519PublicKey?
    private var nextSequence: Int64?
    private var previousHash = LedgerChain.genesis
    private var lineNumber = 0
    private var report = Report(entries: 0, checkpoints: 0, lastSignedSequence: nil, failure: nil)
    private let decoder = JSONDecoder()
    private let readsWithoutDecoder: Bool
    /// Reads entry lines without allocating; nil only if OpenSSL could not make a context, and then every line
    /// takes the general path.
    private let hasher = try? LedgerEntryHasher()

    /// Makes a verifier; without `publicKey` checkpoints are only checked against the chain, not their signer.
    public init(publicKey: Ed25519PublicKey?) {
        self.init(publicKey: publicKey, readsWithoutDecoder: true)
    }

    /// Makes a verifier that reads every line with Foundation's decoder when `readsWithoutDecoder` is false, so
    /// that tests can hold the fast reader to the general one.
    init(publicKey: Ed25519PublicKey?, readsWithoutDecoder: Bool) {
        self.publicKey = publicKey
        self.readsWithoutDecoder = readsWithoutDecoder
    }

    /// The findings so far.
    public var result: Report { report }

    /// Checks the next line; returns false once a break has been found, and later lines are then ignored.
    @discardableResult
    public mutating func check(line: some DataProtocol) -> Bool {
        line.withContiguousStorageIfAvailable { check(bytes: $0) }
            ?? Array(line).withUnsafeBufferPointer { check(bytes: $0) }
    }

    /// Checks every newline-terminated line at the start of `text` and returns how many bytes that took (through
    /// the last newline), so a reader keeps the rest for its next read.
    @discardableResult
    public mutating func checkLines(in text: Data) -> Int {
        text.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard let base = bytes.baseAddress else { return 0 }
            var start = 0
            while start < bytes.count, let newline = memchr(base + start, 0x0a, bytes.count - start) {
                let index = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                check(bytes: UnsafeBufferPointer(rebasing: bytes[start..<index]))
                start = index + 1
            }
            return start
        }
    }

    @discardableResult
    private mutating func check(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard report.failure == nil else { return false }
        lineNumber += 1
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0d }) { return true }

        if readsWithoutDecoder, let hasher, let entry = hasher.read(bytes, after: previousHash) {
            if expect(entry.sequence) { accept(entry, hash: hasher.hash) }
            return report.failure == nil
        }
        let parsed = readsWithoutDecoder ? LedgerLine.parse(bytes) : nil
        switch parsed {
        case .record(let record)?: check(record)
        case .event(let event)?: check(event)
        case nil: checkDecoding(Data(bytes))
        }
        return report.failure == nil
    }

    /// The general path, for a line the exporter would not write as it is: a record if it decodes as one, else
    /// an entry.
    private mutating func checkDecoding(_ data: Data) {
        if let record = try? decoder.decode(LedgerRecord.self, from: data) {
            check(record)
        } else if let event = try? decoder.decode(AuditEvent.self, from: data) {
            check(event)
        } else {
            fail(.unreadable, nextSequence ?? 0, "the line is neither a ledger entry nor a ledger record")
        }
    }

    private mutating func check(_ record: LedgerRecord) {
        switch record.type {
        case .start:
            guard nextSequence == nil, let hash = Hex.decode(record.hash), hash.count == SHA256.byteCount else {
                return fail(.unreadable, record.sequence, "a start line must come first and carry a 32-byte hash")
            }
            nextSequence = record.sequence
            previousHash = hash
        case .omitted:
            guard expect(record.sequence), let digest = Hex.decode(record.digest ?? "") else {
                return failIfUnset(.unreadable, record.sequence, "an omitted entry needs a hex digest")
            }
            chain(sequence: record.sequence, digest: digest, claimed: record.hash)
        case .checkpoint:
            checkCheckpoint(record)
        }
    }

    private mutating func check(_ event: AuditEvent) {
        guard expect(event.sequence) else { return }
        chain(sequence: event.sequence, digest: LedgerChain.digest(event), claimed: event.hash ?? "")
    }

    /// Whether `sequence` is the one due next; records a gap or a missing start otherwise.
    private mutating func expect(_ sequence: Int64) -> Bool {
        guard let expected = nextSequence else {
            fail(.missingStart, sequence, "the export has no start line before its first entry")
            return false
        }
        guard sequence == expected else {
            let how =
                sequence > expected ? "is missing (the next line has \(sequence))" : "was expected, not \(sequence)"
            fail(.sequenceGap, expected, "entry \(expected) \(how): entries were removed or reordered")
            return false
        }
        return true
    }

    private mutating func chain(sequence: Int64, digest: Data, claimed: String) {
        let hash = LedgerChain.hash(previous: previousHash, digest: digest)
        guard Self.hex(claimed, spells: hash) else {
            return fail(
                .hashMismatch, sequence,
                "entry \(sequence) does not match its chain hash: it or an entry before it was changed")
        }
        previousHash = hash
        nextSequence = sequence + 1
        report.entries += 1
    }

    /// Takes an entry read by the hasher into the chain, whose hash after it is `hash`.
    private mutating func accept(_ entry: LedgerEntryHasher.Entry, hash: [UInt8]) {
        guard entry.hashMatches else {
            return fail(
                .hashMismatch, entry.sequence,
                "entry \(entry.sequence) does not match its chain hash: it or an entry before it was changed")
        }
        // Copies into the existing storage, which this verifier alone holds, so nothing is allocated.
        previousHash.withUnsafeMutableBytes { $0.copyBytes(from: hash) }
        nextSequence = entry.sequence + 1
        report.entries += 1
    }

    /// Whether `text` is `bytes` in hex of either case, as `Hex.encode(bytes) == text.lowercased()` says, without
    /// building a hex string.
    private static func hex(_ text: String, spells bytes: Data) -> Bool {
        var text = text
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return Hex.encode(bytes) == text.lowercased() }
        guard text.utf8.count == bytes.count * 2 else { return false }
        return text.withUTF8 { digits in LedgerEntryHasher.hex(digits, spells: Array(bytes)) }
    }

    private mutating func checkCheckpoint(_ record: LedgerRecord) {
        guard let hash = Hex.decode(record.hash), let signature = Hex.decode(record.signature ?? ""),
            let time = record.time, let keyHex = record.publicKey
        else {
            return fail(.unreadable, record.sequence, "a checkpoint needs a hash, time, signature and public key")
        }
        // A checkpoint vouches for the chain hash of the entry just before it in the export.
        guard let next = nextSequence, record.sequence == next - 1, hash == previousHash else {
            return fail(
                .checkpointMismatch, record.sequence,
                "checkpoint \(record.sequence) does not match the chain: entries up to it were changed")
        }
        if let publicKey, publicKey.hex != keyHex.lowercased() {
            return fail(.unknownKey, record.sequence, "checkpoint \(record.sequence) was signed by another key")
        }
        guard let signer = publicKey ?? (try? Ed25519PublicKey(hex: keyHex)),
            signer.isValidSignature(
                signature, for: LedgerChain.checkpointMessage(sequence: record.sequence, hash: hash, time: time))
        else {
            return fail(.badSignature, record.sequence, "checkpoint \(record.sequence) has an invalid signature")
        }
        report.checkpoints += 1
        report.lastSignedSequence = record.sequence
    }

    private mutating func failIfUnset(_ reason: Failure.Reason, _ sequence: Int64, _ message: String) {
        if report.failure == nil { fail(reason, sequence, message) }
    }

    private mutating func fail(_ reason: Failure.Reason, _ sequence: Int64, _ message: String) {
        report.failure = Failure(reason: reason, sequence: sequence, line: lineNumber, message: message)
    }
}
