/// A decision with the verdict of every rule that covers the action or names the caller: the one that decided, and
/// why each of the others did not.
public struct PolicyExplanation: Sendable, Equatable {
    public var decision: AccessDecision
    public var verdicts: [RuleVerdict]

    public init(decision: AccessDecision, verdicts: [RuleVerdict]) {
        self.decision = decision
        self.verdicts = verdicts
    }
}
