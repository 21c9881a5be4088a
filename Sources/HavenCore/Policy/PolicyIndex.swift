/// The rules of a policy by action and principal, so that a decision looks only at rules that could apply.
///
/// Rules with a literal action sit under that action; rules with a wildcard action sit in one more bucket whose
/// action patterns are matched at decision time. Within a bucket, rules are found by user, group, role or
/// everyone, without building any key string while deciding.
struct PolicyIndex: Sendable {
    struct Bucket: Sendable {
        var users: [String: [Int]] = [:]
        var groups: [String: [Int]] = [:]
        var roles: [ProjectRole: [Int]] = [:]
        var everyone: [Int] = []

        mutating func add(_ position: Int, _ principals: PolicyPrincipals) {
            for user in principals.users { users[user, default: []].append(position) }
            for group in principals.groups { groups[group, default: []].append(position) }
            for role in principals.roles { roles[role, default: []].append(position) }
            if principals.everyone { everyone.append(position) }
        }

        func collect(_ query: PolicyQuery, into found: inout [Int]) {
            if let positions = users[query.user] { found.append(contentsOf: positions) }
            if !groups.isEmpty {
                for group in query.groups {
                    if let positions = groups[group] { found.append(contentsOf: positions) }
                }
            }
            if let role = query.role, let positions = roles[role] { found.append(contentsOf: positions) }
            found.append(contentsOf: everyone)
        }
    }

    private var literal: [String: Bucket] = [:]
    private var wildcard = Bucket()

    init(_ rules: [PolicyRule]) {
        for (position, rule) in rules.enumerated() {
            var actions: Set<String> = []
            var hasWildcard = false
            for pattern in rule.actions {
                if pattern.isLiteral { actions.insert(pattern.text) } else { hasWildcard = true }
            }
            for action in actions { literal[action, default: Bucket()].add(position, rule.principals) }
            if hasWildcard { wildcard.add(position, rule.principals) }
        }
    }

    /// The positions of the rules that name one of the query's principals and could cover its action, in rule
    /// order and without repeats.
    func candidates(_ query: PolicyQuery) -> [Int] {
        var found: [Int] = []
        literal[query.action]?.collect(query, into: &found)
        wildcard.collect(query, into: &found)
        if found.count > 1 {
            found.sort()
            found = Self.unique(found)
        }
        return found
    }

    private static func unique(_ sorted: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(sorted.count)
        for value in sorted where result.last != value { result.append(value) }
        return result
    }
}
