import HavenCore

/// One line of a JSON-lines ledger export, read without Foundation's decoder.
///
/// The kind is decided by the `type` member alone: records have one, entries do not. A line with a member the
/// kind does not know, a repeated member, a missing required member or a value of the wrong kind is not read
/// here (nil), so that the caller's fallback, Foundation's decoder, judges it exactly as it always did.
enum LedgerLine: Equatable {
    case record(LedgerRecord)
    case event(AuditEvent)

    /// The line in `bytes`, or nil when it is not in one of the exact shapes the exporter writes.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> LedgerLine? {
        guard let members = LedgerLineParser.members(of: bytes) else { return nil }
        var fields: [String: LedgerLineParser.Value] = [:]
        fields.reserveCapacity(members.count)
        for (key, value) in members {
            guard fields.updateValue(value, forKey: key) == nil else { return nil }
        }

        if fields["type"] != nil {
            return record(fields).map(LedgerLine.record)
        }
        return event(fields).map(LedgerLine.event)
    }

    private static let recordKeys: Set<String> = [
        "type", "sequence", "hash", "digest", "time", "signature", "publicKey",
    ]

    private static let eventKeys: Set<String> = [
        "sequence", "time", "actor", "onBehalfOf", "jobID", "projectID", "action", "resource", "outcome", "rule",
        "bytes", "requestID", "clientAddress", "detail", "sourceTime", "clockSkewed", "role", "purpose", "decision",
        "sessionID", "hash",
    ]

    private static func record(_ fields: [String: LedgerLineParser.Value]) -> LedgerRecord? {
        guard fields.keys.allSatisfy(recordKeys.contains),
            case .string(let typeName)? = fields["type"], let type = LedgerRecord.Kind(rawValue: typeName),
            case .integer(let sequence)? = fields["sequence"], case .string(let hash)? = fields["hash"],
            let digest = optionalString(fields["digest"]), let time = optionalString(fields["time"]),
            let signature = optionalString(fields["signature"]), let publicKey = optionalString(fields["publicKey"])
        else { return nil }
        return LedgerRecord(
            type: type, sequence: sequence, hash: hash, digest: digest, time: time, signature: signature,
            publicKey: publicKey)
    }

    private static func event(_ fields: [String: LedgerLineParser.Value]) -> AuditEvent? {
        guard fields.keys.allSatisfy(eventKeys.contains),
            case .integer(let sequence)? = fields["sequence"], case .string(let time)? = fields["time"],
            case .string(let actor)? = fields["actor"], case .string(let action)? = fields["action"],
            case .string(let resource)? = fields["resource"], case .string(let outcomeName)? = fields["outcome"],
            let outcome = AuditOutcome(rawValue: outcomeName)
        else { return nil }

        var strings: [String: String] = [:]
        for (key, value) in fields where key != "sequence" && key != "bytes" && key != "clockSkewed" {
            guard case .string(let text) = value else { return nil }
            strings[key] = text
        }
        var bytes: Int64?
        if let value = fields["bytes"] {
            guard case .integer(let count) = value else { return nil }
            bytes = count
        }
        var clockSkewed: Bool?
        if let value = fields["clockSkewed"] {
            guard case .bool(let skewed) = value else { return nil }
            clockSkewed = skewed
        }

        return AuditEvent(
            sequence: sequence, time: time, actor: actor, onBehalfOf: strings["onBehalfOf"],
            jobID: strings["jobID"], projectID: strings["projectID"], action: action, resource: resource,
            outcome: outcome, rule: strings["rule"], bytes: bytes, requestID: strings["requestID"],
            clientAddress: strings["clientAddress"], detail: strings["detail"], sourceTime: strings["sourceTime"],
            clockSkewed: clockSkewed, role: strings["role"], purpose: strings["purpose"],
            decision: strings["decision"], sessionID: strings["sessionID"], hash: strings["hash"])
    }

    /// `.some(nil)` for an absent member, `.some(text)` for a string, nil (give up) for any other value.
    private static func optionalString(_ value: LedgerLineParser.Value?) -> String?? {
        switch value {
        case nil: .some(nil)
        case .string(let text)?: .some(text)
        default: nil
        }
    }
}
