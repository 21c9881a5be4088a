/// One effective permission a policy states: a principal may (or may not) do an action on a resource, under
/// conditions; what `policy apply --dry-run` compares between two policies.
public struct PolicyGrant: Sendable, Hashable, Codable, Comparable {
    public var effect: PolicyEffect
    /// `user:NAME`, `group:NAME`, `role:NAME` or `*` for everyone.
    public var principal: String
    public var action: String
    /// The resources, such as `projects=spine-*; paths=images/**`, or `*` for all.
    public var resource: String
    /// The conditions, such as `project active`, or empty when there are none.
    public var conditions: String

    public init(effect: PolicyEffect, principal: String, action: String, resource: String, conditions: String) {
        self.effect = effect
        self.principal = principal
        self.action = action
        self.resource = resource
        self.conditions = conditions
    }

    public static func < (lhs: PolicyGrant, rhs: PolicyGrant) -> Bool {
        (lhs.principal, lhs.action, lhs.resource, lhs.effect.rawValue, lhs.conditions)
            < (rhs.principal, rhs.action, rhs.resource, rhs.effect.rawValue, rhs.conditions)
    }

    /// The grant in one line, as `haven policy apply --dry-run` prints it.
    public var line: String {
        let verb = effect == .allow ? "may" : "is denied"
        let condition = conditions.isEmpty ? "" : " if " + conditions
        return "\(principal) \(verb) \(action) on \(resource)\(condition)"
    }

    /// The grants `policy` states, with wildcard actions spelled out over `actions`.
    public static func grants(of policy: PolicySet, actions: Set<String>) -> Set<PolicyGrant> {
        var grants: Set<PolicyGrant> = []
        for rule in policy.rules {
            let resource = describe(rule.resources)
            let conditions = describe(rule.conditions)
            let covered = actions.filter { action in rule.actions.contains { $0.matches(action) } }
            for principal in rule.principals.keys {
                for action in covered {
                    grants.insert(
                        PolicyGrant(
                            effect: rule.effect, principal: principal, action: action, resource: resource,
                            conditions: conditions))
                }
            }
        }
        return grants
    }

    static func describe(_ resources: PolicyResources) -> String {
        var parts: [String] = []
        if !resources.projects.isEmpty {
            parts.append("projects=" + resources.projects.map(\.text).joined(separator: ","))
        }
        if !resources.datasets.isEmpty {
            parts.append("datasets=" + resources.datasets.map(\.text).joined(separator: ","))
        }
        if !resources.paths.isEmpty { parts.append("paths=" + resources.paths.map(\.text).joined(separator: ",")) }
        return parts.isEmpty ? "*" : parts.joined(separator: "; ")
    }

    static func describe(_ conditions: PolicyConditions) -> String {
        var parts: [String] = []
        if conditions.projectActive { parts.append("project active") }
        if !conditions.classifications.isEmpty {
            parts.append("classification in " + conditions.classifications.sorted().joined(separator: ","))
        }
        if !conditions.purposes.isEmpty {
            parts.append("purpose in " + conditions.purposes.sorted().joined(separator: ","))
        }
        if let window = conditions.timeWindow { parts.append("within " + window.description) }
        if conditions.mfa { parts.append("multi-factor") }
        return parts.joined(separator: " and ")
    }
}
