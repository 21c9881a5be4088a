/// The rules of a policy by action and principal, so that a decision looks only at rules that could apply.
///
/// Rules with a literal action sit under that action and each of their principal keys; rules with a wildcard
/// action sit under their principal keys alone and have their action patterns matched at decision time.
struct PolicyIndex: Sendable {
    private var literal: [String: [String: [Int]]] = [:]
    private var wildcard: [String: [Int]] = [:]

    init(_ rules: [PolicyRule]) {
        for (position, rule) in rules.enumerated() {
            let keys = rule.principals.keys
            for pattern in rule.actions {
                for key in keys {
                    if pattern.isLiteral {
                        literal[pattern.text, default: [:]][key, default: []].append(position)
                    } else if wildcard[key]?.last != position {
                        wildcard[key, default: []].append(position)
                    }
                }
            }
        }
    }

    /// The positions of the rules that name one of the query's principals and could cover its action, in rule
    /// order and without repeats.
    func candidates(_ query: PolicyQuery) -> [Int] {
        var found: [Int] = []
        let byPrincipal = literal[query.action]
        Self.forEachKey(query) { key in
            if let positions = byPrincipal?[key] { found.append(contentsOf: positions) }
            if let positions = wildcard[key] { found.append(contentsOf: positions) }
        }
        if found.count > 1 {
            found.sort()
            found = Self.unique(found)
        }
        return found
    }

    private static func forEachKey(_ query: PolicyQuery, _ body: (String) -> Void) {
        body("user:" + query.user)
        for group in query.groups { body("group:" + group) }
        if let role = query.role { body("role:" + role.rawValue) }
        body("*")
    }

    private static func unique(_ sorted: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(sorted.count)
        for value in sorted where result.last != value { result.append(value) }
        return result
    }
}
