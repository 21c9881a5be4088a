/// Which entries an export shows in full; the others in its range appear by digest only.
public struct LedgerFilter: Sendable {
    /// Entries at or after this server time (ISO 8601).
    public var from: String?
    /// Entries before this server time (ISO 8601).
    public var until: String?
    public var projectID: String?
    /// The actor (`user:ada`) or the id of the user on whose behalf it acted.
    public var user: String?
    public var action: String?
    public var resource: String?
    public var outcome: String?

    /// Makes a filter; nil fields match everything.
    public init(
        from: String? = nil, until: String? = nil, projectID: String? = nil, user: String? = nil,
        action: String? = nil, resource: String? = nil, outcome: String? = nil
    ) {
        self.from = from
        self.until = until
        self.projectID = projectID
        self.user = user
        self.action = action
        self.resource = resource
        self.outcome = outcome
    }

    /// A SQL condition on `audit_events e`, its parameters numbered from `$1`.
    var condition: (sql: String, parameters: [String?]) {
        let sql = """
            ($1::timestamptz IS NULL OR e.time >= $1::timestamptz)
            AND ($2::timestamptz IS NULL OR e.time < $2::timestamptz)
            AND ($3::uuid IS NULL OR e.project_id = $3::uuid)
            AND ($4::text IS NULL OR e.actor = $4 OR e.on_behalf_of::text = $4)
            AND ($5::text IS NULL OR e.action = $5) AND ($6::text IS NULL OR e.resource = $6)
            AND ($7::text IS NULL OR e.outcome = $7)
            """
        return (sql, [from, until, projectID, user, action, resource, outcome])
    }
}
