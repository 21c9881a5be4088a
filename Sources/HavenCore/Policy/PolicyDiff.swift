/// Who gains and who loses which permission when one policy replaces another.
public struct PolicyDiff: Sendable, Equatable, Codable {
    /// Allows that appear and denies that disappear.
    public var gained: [PolicyGrant]
    /// Allows that disappear and denies that appear.
    public var lost: [PolicyGrant]

    public init(gained: [PolicyGrant], lost: [PolicyGrant]) {
        self.gained = gained
        self.lost = lost
    }

    /// The change from `old` to `new`, over every action either policy names and every action Haven knows.
    public init(from old: PolicySet, to new: PolicySet) {
        var actions = Set(Action.allCases.map(\.rawValue))
        for rule in old.rules + new.rules {
            for pattern in rule.actions where pattern.isLiteral { actions.insert(pattern.text) }
        }
        let before = PolicyGrant.grants(of: old, actions: actions)
        let after = PolicyGrant.grants(of: new, actions: actions)
        let added = after.subtracting(before)
        let removed = before.subtracting(after)
        gained = (added.filter { $0.effect == .allow } + removed.filter { $0.effect == .deny }).sorted()
        lost = (removed.filter { $0.effect == .allow } + added.filter { $0.effect == .deny }).sorted()
    }
}
