/// The canonical byte encodings that the audit ledger hashes and signs.
///
/// Every field is written in a fixed order as a presence byte (0 absent, 1 present) and, when present, a 4-byte
/// big-endian length and the UTF-8 bytes, so no two different entries encode alike. The chain hash itself is not
/// part of the encoding: it is computed over it.
public enum LedgerEncoding {
    /// The domain tags that keep an entry's bytes from ever reading as a checkpoint's, and mark the version.
    static let entryTag = "haven.ledger.entry.v1"
    static let checkpointTag = "haven.ledger.checkpoint.v1"

    /// The bytes of `event` whose SHA-256 is the entry's digest.
    public static func entry(_ event: AuditEvent) -> [UInt8] {
        let fields: [String?] = [
            String(event.sequence), event.time, event.sourceTime, event.clockSkewed.map { $0 ? "1" : "0" },
            event.actor, event.onBehalfOf, event.role, event.action, event.resource, event.projectID, event.purpose,
            event.decision, event.rule, event.outcome.rawValue, event.bytes.map(String.init), event.clientAddress,
            event.requestID, event.jobID, event.sessionID, event.detail,
        ]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        append(entryTag, to: &bytes)
        for field in fields { append(field, to: &bytes) }
        return bytes
    }

    /// The bytes a checkpoint signs: its ledger sequence, the chain hash at that sequence, and its time.
    public static func checkpoint(sequence: Int64, hash: [UInt8], time: String) -> [UInt8] {
        var bytes: [UInt8] = []
        append(checkpointTag, to: &bytes)
        append(String(sequence), to: &bytes)
        bytes.append(1)
        appendLength(hash.count, to: &bytes)
        bytes.append(contentsOf: hash)
        append(time, to: &bytes)
        return bytes
    }

    private static func append(_ field: String?, to bytes: inout [UInt8]) {
        guard let field else {
            bytes.append(0)
            return
        }
        bytes.append(1)
        appendLength(field.utf8.count, to: &bytes)
        bytes.append(contentsOf: field.utf8)
    }

    private static func appendLength(_ length: Int, to bytes: inout [UInt8]) {
        let value = UInt32(length)
        bytes.append(contentsOf: [
            UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff),
        ])
    }
}
