/// What one rule made of a request, for `policy explain`.
public struct RuleVerdict: Sendable, Equatable, Codable {
    public var rule: String
    public var effect: PolicyEffect
    /// Whether this rule is the one that decided.
    public var decided: Bool
    /// Why it decided, or why it did not.
    public var because: String

    public init(rule: String, effect: PolicyEffect, decided: Bool, because: String) {
        self.rule = rule
        self.effect = effect
        self.decided = decided
        self.because = because
    }
}
