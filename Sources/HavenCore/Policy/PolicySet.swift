/// A whole policy: its rules in order, indexed for deciding, and its quotas.
///
/// Default deny: a request that no rule allows is refused. An explicit deny that applies overrides every allow.
/// Among rules of the same effect the first in order decides, so decisions and audits name a stable rule.
public struct PolicySet: Sendable {
    public let rules: [PolicyRule]
    public let quotas: PolicyQuotas
    private let index: PolicyIndex

    /// The identifier a decision names when no rule allows the request.
    public static let defaultDenyRule = "default.deny"

    public init(rules: [PolicyRule], quotas: PolicyQuotas = PolicyQuotas()) {
        self.rules = rules
        self.quotas = quotas
        self.index = PolicyIndex(rules)
    }

    /// Decides `query`: the first applicable deny, else the first applicable allow, else default deny.
    public func decide(_ query: PolicyQuery) -> AccessDecision {
        var allowing: Int?
        // Every candidate names the caller (the index found it by user, group, role or everyone).
        for position in index.candidates(query) where rules[position].mismatchOfNamedPrincipal(query) == nil {
            if rules[position].effect == .deny { return Self.decision(rules[position], query) }
            if allowing == nil { allowing = position }
        }
        guard let allowing else { return Self.defaultDeny(query) }
        return Self.decision(rules[allowing], query)
    }

    /// The limits that apply to the project named `name`.
    public func quota(forProject name: String) -> ProjectQuota {
        quotas.quota(forProject: name)
    }

    /// Decides `query` and says, for every rule that covers its action or names the caller, why it decided or why
    /// it did not.
    public func explain(_ query: PolicyQuery) -> PolicyExplanation {
        let decision = decide(query)
        var verdicts: [RuleVerdict] = []
        for rule in rules
        where rule.principals.includes(query) || rule.actions.contains(where: { $0.matches(query.action) }) {
            verdicts.append(verdict(rule, query, decision))
        }
        return PolicyExplanation(decision: decision, verdicts: verdicts)
    }

    private func verdict(_ rule: PolicyRule, _ query: PolicyQuery, _ decision: AccessDecision) -> RuleVerdict {
        if rule.id == decision.rule, (rule.effect == .allow) == decision.allowed {
            return RuleVerdict(rule: rule.id, effect: rule.effect, decided: true, because: decision.reason)
        }
        let because: String
        if let mismatch = rule.mismatch(query) {
            because = "does not apply: " + mismatch.description
        } else if rule.effect == .allow, !decision.allowed {
            because = "would allow, but deny rule `\(decision.rule)` overrides every allow"
        } else {
            because = "applies too, but rule `\(decision.rule)` comes first"
        }
        return RuleVerdict(rule: rule.id, effect: rule.effect, decided: false, because: because)
    }

    private static func decision(_ rule: PolicyRule, _ query: PolicyQuery) -> AccessDecision {
        let reason =
            rule.description.isEmpty ? "rule `\(rule.id)` \(rule.effect.rawValue)s \(query.action)" : rule.description
        return rule.effect == .allow ? .allow(rule.id, reason) : .deny(rule.id, reason)
    }

    /// A refusal that no rule allowed; it names the caller's project role when they hold one, so that an audit
    /// reader sees which role lacks the action.
    private static func defaultDeny(_ query: PolicyQuery) -> AccessDecision {
        if let role = query.role {
            return .deny(
                "role." + role.rawValue,
                "no rule allows \(query.action) for the \(role.rawValue) role; "
                    + "ask a platform admin to change the policy"
            )
        }
        return .deny(
            defaultDenyRule,
            query.project == nil
                ? "no rule allows \(query.action) outside a project; only platform admins act on the platform"
                : "no rule allows \(query.action) here; ask a project owner for a role")
    }
}
