/// One entry of the access log: who did what to which resource, for whom, and how it ended.
public struct AuditEvent: Sendable, Codable, Equatable {
    public var sequence: Int64
    /// The server's time, ISO 8601 in UTC with microseconds.
    public var time: String
    /// `user:<name>` or `job:<id>`.
    public var actor: String
    /// The user responsible: the user, or the user who submitted the acting job.
    public var onBehalfOf: String?
    public var jobID: String?
    public var projectID: String?
    public var action: String
    public var resource: String
    public var outcome: AuditOutcome
    /// The rule that decided, for allowed and denied requests alike.
    public var rule: String?
    public var bytes: Int64?
    public var requestID: String?
    public var clientAddress: String?
    public var detail: String?

    public init(
        sequence: Int64, time: String, actor: String, onBehalfOf: String?, jobID: String?, projectID: String?,
        action: String, resource: String, outcome: AuditOutcome, rule: String?, bytes: Int64?, requestID: String?,
        clientAddress: String?, detail: String?
    ) {
        self.sequence = sequence
        self.time = time
        self.actor = actor
        self.onBehalfOf = onBehalfOf
        self.jobID = jobID
        self.projectID = projectID
        self.action = action
        self.resource = resource
        self.outcome = outcome
        self.rule = rule
        self.bytes = bytes
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.detail = detail
    }
}
