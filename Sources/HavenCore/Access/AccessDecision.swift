/// The outcome of deciding one request, with the rule that decided it so that audits can name it.
public struct AccessDecision: Sendable, Equatable {
    public var allowed: Bool
    /// A stable identifier of the deciding rule, for example `role.researcher.data`.
    public var rule: String
    /// Why, in words a user can act on.
    public var reason: String

    public static func allow(_ rule: String, _ reason: String) -> AccessDecision {
        AccessDecision(allowed: true, rule: rule, reason: reason)
    }

    public static func deny(_ rule: String, _ reason: String) -> AccessDecision {
        AccessDecision(allowed: false, rule: rule, reason: reason)
    }
}
