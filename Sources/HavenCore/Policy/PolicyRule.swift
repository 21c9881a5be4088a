/// One statement of a policy: these principals may (or may not) do these actions on these resources, if the
/// conditions hold.
public struct PolicyRule: Sendable, Equatable {
    /// A stable identifier that decisions and audit entries name, for example `role.researcher`.
    public var id: String
    public var effect: PolicyEffect
    public var principals: PolicyPrincipals
    /// Action names with wildcards, for example `data.read` or `data.*`.
    public var actions: [GlobPattern]
    public var resources: PolicyResources
    public var conditions: PolicyConditions
    /// What the rule is for, in the policy author's words.
    public var description: String

    public init(
        id: String, effect: PolicyEffect, principals: PolicyPrincipals, actions: [GlobPattern],
        resources: PolicyResources = PolicyResources(), conditions: PolicyConditions = PolicyConditions(),
        description: String = ""
    ) {
        self.id = id
        self.effect = effect
        self.principals = principals
        self.actions = actions
        self.resources = resources
        self.conditions = conditions
        self.description = description
    }

    /// Why the rule does not apply to `query`, or `nil` when it applies.
    public func mismatch(_ query: PolicyQuery) -> PolicyMismatch? {
        guard principals.includes(query) else { return .principal(user: query.user) }
        return mismatchOfNamedPrincipal(query)
    }

    /// `mismatch` for a query whose caller the rule is known to name, as the index guarantees when deciding.
    func mismatchOfNamedPrincipal(_ query: PolicyQuery) -> PolicyMismatch? {
        guard actions.contains(where: { $0.matches(query.action) }) else { return .action(query.action) }
        return resources.mismatch(query) ?? conditions.failure(query)
    }
}
