import Foundation

@testable import HavenCore

/// Small rules and queries for the evaluator tests.
enum PolicyFixtures {
    static func time(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso)!
    }

    static func allow(
        _ id: String, _ actions: [String], principals: PolicyPrincipals = PolicyPrincipals(everyone: true),
        resources: PolicyResources = PolicyResources(), conditions: PolicyConditions = PolicyConditions()
    ) -> PolicyRule {
        PolicyRule(
            id: id, effect: .allow, principals: principals, actions: actions.map { GlobPattern($0) },
            resources: resources, conditions: conditions)
    }

    static func deny(
        _ id: String, _ actions: [String], principals: PolicyPrincipals = PolicyPrincipals(everyone: true),
        resources: PolicyResources = PolicyResources()
    ) -> PolicyRule {
        PolicyRule(
            id: id, effect: .deny, principals: principals, actions: actions.map { GlobPattern($0) },
            resources: resources)
    }

    static let project = ProjectFacts(id: "p1", name: "spine", purpose: "vertebra segmentation")

    static func query(
        _ action: String, user: String = "ada", groups: Set<String> = [], role: ProjectRole? = .researcher,
        project: ProjectFacts? = project, path: String? = nil, purpose: String? = nil, mfa: Bool = false,
        time: Date = time("2026-12-03T10:00:00Z")
    ) -> PolicyQuery {
        PolicyQuery(
            user: user, groups: groups, role: role, action: action, project: project, path: path, purpose: purpose,
            mfa: mfa, time: time)
    }
}
