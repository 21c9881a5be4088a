import Foundation
import HavenCore
import YAML

/// Reads one rule of a policy file.
struct PolicyRuleReader {
    let reader: PolicyNodeReader

    func rule(_ node: YAMLNode) throws -> PolicyRule {
        let fields = try reader.mapping(node, "a rule", keys: PolicyDocument.ruleKeys)
        guard let idNode = fields["id"] else { throw reader.fail(node, "the rule has no `id`; add `id: some.name`") }
        let id = try reader.string(idNode, "id")
        guard let effectNode = fields["effect"],
            let effect = PolicyEffect(rawValue: try reader.string(effectNode, "effect"))
        else {
            throw reader.fail(fields["effect"] ?? node, "rule `\(id)` needs `effect: allow` or `effect: deny`")
        }
        guard let principalsNode = fields["principals"] else {
            throw reader.fail(node, "rule `\(id)` has no `principals`; name users, groups, roles or `everyone: true`")
        }
        let actions = try reader.strings(fields["actions"], "actions")
        guard !actions.isEmpty else { throw reader.fail(node, "rule `\(id)` has no `actions`; list at least one") }
        return PolicyRule(
            id: id, effect: effect, principals: try principals(principalsNode),
            actions: actions.map { GlobPattern($0) }, resources: try resources(fields["resources"]),
            conditions: try conditions(fields["conditions"]),
            description: try fields["description"].map { try reader.string($0, "description") } ?? "")
    }

    private func principals(_ node: YAMLNode) throws -> PolicyPrincipals {
        let fields = try reader.mapping(node, "`principals`", keys: ["users", "groups", "roles", "everyone"])
        var roles: Set<ProjectRole> = []
        for roleNode in try fields["roles"].map({ try reader.list($0, "roles") }) ?? [] {
            let name = try reader.string(roleNode, "roles")
            guard let role = ProjectRole(rawValue: name) else {
                let known = ProjectRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw reader.fail(roleNode, "unknown role `\(name)`; the roles are \(known)")
            }
            roles.insert(role)
        }
        let principals = PolicyPrincipals(
            users: Set(try reader.strings(fields["users"], "users")),
            groups: Set(try reader.strings(fields["groups"], "groups")), roles: roles,
            everyone: try reader.bool(fields["everyone"], "everyone"))
        guard principals != PolicyPrincipals() else {
            throw reader.fail(node, "`principals` names nobody; list users, groups or roles, or set `everyone: true`")
        }
        return principals
    }

    private func resources(_ node: YAMLNode?) throws -> PolicyResources {
        guard let node else { return PolicyResources() }
        let fields = try reader.mapping(node, "`resources`", keys: ["projects", "datasets", "paths"])
        return PolicyResources(
            projects: try reader.strings(fields["projects"], "projects").map { GlobPattern($0) },
            datasets: try reader.strings(fields["datasets"], "datasets").map { GlobPattern($0) },
            paths: try reader.strings(fields["paths"], "paths").map { GlobPattern($0, isPath: true) })
    }

    private func conditions(_ node: YAMLNode?) throws -> PolicyConditions {
        guard let node else { return PolicyConditions() }
        let keys: Set<String> = ["project_active", "classifications", "purposes", "time_window", "mfa"]
        let fields = try reader.mapping(node, "`conditions`", keys: keys)
        return PolicyConditions(
            projectActive: try reader.bool(fields["project_active"], "project_active"),
            classifications: Set(try reader.strings(fields["classifications"], "classifications")),
            purposes: Set(try reader.strings(fields["purposes"], "purposes")),
            timeWindow: try fields["time_window"].map(timeWindow), mfa: try reader.bool(fields["mfa"], "mfa"))
    }

    private func timeWindow(_ node: YAMLNode) throws -> TimeWindow {
        let fields = try reader.mapping(node, "`time_window`", keys: ["days", "from", "to", "zone"])
        var days: Set<Int> = []
        for dayNode in try fields["days"].map({ try reader.list($0, "days") }) ?? [] {
            guard let index = TimeWindow.dayNames.firstIndex(of: try reader.string(dayNode, "days")) else {
                throw reader.fail(dayNode, "unknown day; write days as \(TimeWindow.dayNames.joined(separator: ", "))")
            }
            days.insert(index + 1)
        }
        let zoneNode = fields["zone"] ?? node
        let zoneName = try fields["zone"].map { try reader.string($0, "zone") } ?? "UTC"
        guard let zone = TimeZone(identifier: zoneName) else {
            throw reader.fail(zoneNode, "unknown time zone `\(zoneName)`; use a name such as `Europe/Amsterdam`")
        }
        return TimeWindow(
            weekdays: days.isEmpty ? Set(1...7) : days, fromMinute: try minute(fields["from"], default: 0),
            toMinute: try minute(fields["to"], default: 24 * 60), timeZone: zone)
    }

    private func minute(_ node: YAMLNode?, default value: Int) throws -> Int {
        guard let node else { return value }
        let parts = try reader.string(node, "time").split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), (0...24).contains(hours),
            (0..<60).contains(minutes), hours * 60 + minutes <= 24 * 60
        else { throw reader.fail(node, "a time must be written `HH:MM` between 00:00 and 24:00, in quotes") }
        return hours * 60 + minutes
    }
}
