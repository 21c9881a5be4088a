/// Whom a rule speaks of: named users, members of groups, holders of project roles, or everyone.
public struct PolicyPrincipals: Sendable, Equatable {
    public var users: Set<String>
    public var groups: Set<String>
    public var roles: Set<ProjectRole>
    /// Every authenticated user.
    public var everyone: Bool

    public init(
        users: Set<String> = [], groups: Set<String> = [], roles: Set<ProjectRole> = [], everyone: Bool = false
    ) {
        self.users = users
        self.groups = groups
        self.roles = roles
        self.everyone = everyone
    }

    /// Whether the asking user is one of these principals.
    public func includes(_ query: PolicyQuery) -> Bool {
        if everyone || users.contains(query.user) { return true }
        if let role = query.role, roles.contains(role) { return true }
        return !groups.isDisjoint(with: query.groups)
    }

    /// The principals as `user:NAME`, `group:NAME`, `role:NAME` or `*`, as permission diffs name them.
    var keys: [String] {
        var keys = users.sorted().map { "user:" + $0 } + groups.sorted().map { "group:" + $0 }
        keys += roles.map(\.rawValue).sorted().map { "role:" + $0 }
        return everyone ? keys + ["*"] : keys
    }
}
