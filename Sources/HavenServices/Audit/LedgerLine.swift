import Foundation
import HavenCore
import HavenCrypto

/// One line of a JSON-lines ledger export, read without Foundation's decoder.
///
/// The kind is decided by the `type` member alone: records have one, entries do not. A line with a member the
/// kind does not know, a repeated member, a missing required member or a value of the wrong kind is not read
/// here (nil), so that the caller's fallback, Foundation's decoder, judges it exactly as it always did.
enum LedgerLine: Equatable {
    case record(LedgerRecord)
    case event(AuditEvent)

    /// Every member name either kind of line may have; a member's bit in a mask is 1 << its raw value.
    private enum Name: Int, CaseIterable {
        case type, sequence, hash, digest, time, signature, publicKey
        case actor, onBehalfOf, jobID, projectID, action, resource, outcome, rule, bytes, requestID
        case clientAddress, detail, sourceTime, clockSkewed, role, purpose, decision, sessionID

        /// The names as they are spelled in the export: the case names.
        static let spellings = allCases.map { Array(String(describing: $0).utf8) }

        static func mask(_ names: [Name]) -> Int { names.reduce(0) { $0 | 1 << $1.rawValue } }

        /// The names of each length, so that a lookup compares a member's name with two or three at most.
        static let byLength: [[Name]] = {
            var table = [[Name]](repeating: [], count: (spellings.map(\.count).max() ?? 0) + 1)
            for name in allCases { table[spellings[name.rawValue].count].append(name) }
            return table
        }()

        static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> Name? {
            guard bytes.count < byLength.count, let base = bytes.baseAddress else { return nil }
            for name in byLength[bytes.count] {
                let same = spellings[name.rawValue].withUnsafeBufferPointer {
                    memcmp($0.baseAddress!, base, bytes.count)
                }
                if same == 0 { return name }
            }
            return nil
        }
    }

    private static let recordMask = Name.mask([.type, .sequence, .hash, .digest, .time, .signature, .publicKey])
    private static let eventMask = Name.mask(
        Name.allCases.filter { ![.type, .digest, .signature, .publicKey].contains($0) })

    /// The line in `bytes`, or nil when it is not in one of the exact shapes the exporter writes.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> LedgerLine? {
        guard let (fields, isRecord) = read(bytes) else { return nil }
        return isRecord ? record(fields).map(LedgerLine.record) : event(fields).map(LedgerLine.event)
    }

    /// For an entry line, what the chain needs: its sequence, its digest and the chain hash it claims, computed
    /// from the line's bytes without building an ``AuditEvent``; nil for any other line or shape.
    static func chainInput(_ bytes: UnsafeBufferPointer<UInt8>) -> (sequence: Int64, digest: Data, hash: String)? {
        guard let hasher = try? LedgerEntryHasher(),
            let entry = hasher.read(bytes, after: LedgerChain.genesis)
        else { return nil }
        let claimed: String
        switch entry.claimed {
        case .ascii(let text)?: claimed = String(decoding: text, as: UTF8.self)
        case .string(let text)?: claimed = text
        default: claimed = ""
        }
        return (entry.sequence, Data(hasher.digest), claimed)
    }

    /// Reads an entry line in the exporter's exact shape into `values` and writes its canonical encoding into
    /// `encoding`; returns its sequence and the `hash` member's value, nil for any other line or shape.
    static func entry(
        _ bytes: UnsafeBufferPointer<UInt8>, values: inout [LedgerLineParser.Value?], encoding: inout [UInt8]
    ) -> (sequence: Int64, hash: LedgerLineParser.Value?)? {
        guard let isRecord = read(bytes, into: &values), !isRecord else { return nil }
        let fields = Fields(values: values)
        guard case .integer(let sequence)? = fields[.sequence], let outcome = fields.string(.outcome),
            outcome.flatMap(AuditOutcome.init(rawValue:)) != nil, fields.string(.hash) != nil,
            entryEncoding(fields, sequence: sequence, into: &encoding)
        else { return nil }
        return (sequence, fields[.hash])
    }

    private static func read(_ bytes: UnsafeBufferPointer<UInt8>) -> (Fields, isRecord: Bool)? {
        var values: [LedgerLineParser.Value?] = []
        guard let isRecord = read(bytes, into: &values) else { return nil }
        return (Fields(values: values), isRecord)
    }

    /// Reads the line's members into `values` (by name), reusing its storage; returns whether it is a record,
    /// nil if it is not one flat object of the known members, each at most once, of one kind of line.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, into values: inout [LedgerLineParser.Value?])
        -> Bool?
    {
        if values.count == Name.allCases.count {
            for index in values.indices { values[index] = nil }
        } else {
            values = [LedgerLineParser.Value?](repeating: nil, count: Name.allCases.count)
        }
        var present = 0
        let read = LedgerLineParser.forEachMember(of: bytes) { key, value in
            guard let name = Name.named(key), present & 1 << name.rawValue == 0 else { return false }
            present |= 1 << name.rawValue
            values[name.rawValue] = value
            return true
        }
        guard read else { return nil }

        let isRecord = present & 1 << Name.type.rawValue != 0
        guard present & ~(isRecord ? recordMask : eventMask) == 0 else { return nil }
        return isRecord
    }

    /// The tag ``HavenCore/LedgerEncoding`` puts before an entry's fields; `LedgerLineTests` hold this encoding's
    /// digest to `LedgerChain.digest` on every line of a real export.
    private static let entryTag = Array("haven.ledger.entry.v1".utf8)

    /// The bytes of ``HavenCore/LedgerEncoding/entry(_:)`` for the entry in `fields`, in its field order; nil if a
    /// required member is missing or a member has the wrong kind of value.
    /// The fields of an entry in ``HavenCore/LedgerEncoding/entry(_:)``'s order, and whether each is required.
    private static let encodingOrder: [(Name, required: Bool)] = [
        (.time, true), (.sourceTime, false), (.clockSkewed, false), (.actor, true), (.onBehalfOf, false),
        (.role, false), (.action, true), (.resource, true), (.projectID, false), (.purpose, false),
        (.decision, false), (.rule, false), (.outcome, true), (.bytes, false), (.clientAddress, false),
        (.requestID, false), (.jobID, false), (.sessionID, false), (.detail, false),
    ]

    /// Writes the bytes of ``HavenCore/LedgerEncoding/entry(_:)`` for the entry in `fields` into `bytes` (emptied
    /// first, capacity kept); false if a required member is missing or a member has the wrong kind of value.
    private static func entryEncoding(_ fields: Fields, sequence: Int64, into bytes: inout [UInt8]) -> Bool {
        bytes.removeAll(keepingCapacity: true)
        LedgerLineParser.Value.append(entryTag, to: &bytes)
        LedgerLineParser.Value.append(.integer(sequence), to: &bytes)
        for (name, required) in encodingOrder {
            let value = fields[name]
            guard value != nil || !required else { return false }
            // Two members are not strings: bytes (a count) and clockSkewed (a flag).
            switch (name, value) {
            case (_, nil), (.bytes, .integer?), (.clockSkewed, .bool?): break
            case (.bytes, _), (.clockSkewed, _): return false
            case (_, .ascii?), (_, .string?): break
            default: return false
            }
            LedgerLineParser.Value.append(value, to: &bytes)
        }
        return true
    }

    /// The members read, by name.
    private struct Fields {
        let values: [LedgerLineParser.Value?]

        subscript(_ name: Name) -> LedgerLineParser.Value? { values[name.rawValue] }

        /// `.some(nil)` if absent, `.some(text)` for a string, nil (give up) for any other value.
        func string(_ name: Name) -> String?? {
            switch self[name] {
            case nil: .some(nil)
            case .string(let text)?: .some(text)
            case .ascii(let text)?: .some(String(decoding: text, as: UTF8.self))
            default: nil
            }
        }
    }

    private static func record(_ fields: Fields) -> LedgerRecord? {
        guard case let typeName?? = fields.string(.type), let type = LedgerRecord.Kind(rawValue: typeName),
            case .integer(let sequence)? = fields[.sequence], case let hash?? = fields.string(.hash),
            let digest = fields.string(.digest), let time = fields.string(.time),
            let signature = fields.string(.signature), let publicKey = fields.string(.publicKey)
        else { return nil }
        return LedgerRecord(
            type: type, sequence: sequence, hash: hash, digest: digest, time: time, signature: signature,
            publicKey: publicKey)
    }

    private static func event(_ fields: Fields) -> AuditEvent? {
        guard case .integer(let sequence)? = fields[.sequence], case let time?? = fields.string(.time),
            case let actor?? = fields.string(.actor), case let action?? = fields.string(.action),
            case let resource?? = fields.string(.resource), case let outcomeName?? = fields.string(.outcome),
            let outcome = AuditOutcome(rawValue: outcomeName),
            let onBehalfOf = fields.string(.onBehalfOf), let jobID = fields.string(.jobID),
            let projectID = fields.string(.projectID), let rule = fields.string(.rule),
            let requestID = fields.string(.requestID), let clientAddress = fields.string(.clientAddress),
            let detail = fields.string(.detail), let sourceTime = fields.string(.sourceTime),
            let role = fields.string(.role), let purpose = fields.string(.purpose),
            let decision = fields.string(.decision), let sessionID = fields.string(.sessionID),
            let hash = fields.string(.hash)
        else { return nil }

        var bytes: Int64?
        if let value = fields[.bytes] {
            guard case .integer(let count) = value else { return nil }
            bytes = count
        }
        var clockSkewed: Bool?
        if let value = fields[.clockSkewed] {
            guard case .bool(let skewed) = value else { return nil }
            clockSkewed = skewed
        }

        return AuditEvent(
            sequence: sequence, time: time, actor: actor, onBehalfOf: onBehalfOf, jobID: jobID,
            projectID: projectID, action: action, resource: resource, outcome: outcome, rule: rule, bytes: bytes,
            requestID: requestID, clientAddress: clientAddress, detail: detail, sourceTime: sourceTime,
            clockSkewed: clockSkewed, role: role, purpose: purpose, decision: decision, sessionID: sessionID,
            hash: hash)
    }
}
