/// One entry of the audit ledger: who did what to which resource, for whom, why, and how it ended.
public struct AuditEvent: Sendable, Codable, Equatable {
    /// The entry's place in the ledger: gap-free, from 1, in the order the chainer saw entries commit.
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
    /// The time the source (a client or a job runner) reported, in the same format as `time`.
    public var sourceTime: String?
    /// Whether `sourceTime` differed from `time` by more than the server's allowed clock skew.
    public var clockSkewed: Bool?
    /// The actor's role in the project when the action was decided.
    public var role: String?
    /// Why the actor said they acted, such as a study protocol.
    public var purpose: String?
    /// The access rules' decision, `allow` or `deny`.
    public var decision: String?
    public var sessionID: String?
    /// The chain hash over the previous entry's hash and this entry's digest, as 64 hex characters.
    public var hash: String?

    public init(
        sequence: Int64, time: String, actor: String, onBehalfOf: String?, jobID: String?, projectID: String?,
        action: String, resource: String, outcome: AuditOutcome, rule: String?, bytes: Int64?, requestID: String?,
        clientAddress: String?, detail: String?, sourceTime: String? = nil, clockSkewed: Bool? = nil,
        role: String? = nil, purpose: String? = nil, decision: String? = nil, sessionID: String? = nil,
        hash: String? = nil
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
        self.sourceTime = sourceTime
        self.clockSkewed = clockSkewed
        self.role = role
        self.purpose = purpose
        self.decision = decision
        self.sessionID = sessionID
        self.hash = hash
    }
}
