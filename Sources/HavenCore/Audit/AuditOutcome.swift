/// How an audited attempt ended.
public enum AuditOutcome: String, Sendable, Codable {
    /// The action was allowed and carried out.
    case success
    /// Access rules refused it.
    case denied
    /// It was allowed but failed (bad input, a missing object, a storage fault).
    case failed
}
