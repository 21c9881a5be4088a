import Foundation
import HavenCore

/// An audit record about to be written; the database assigns its sequence number and time.
struct AuditEntry: Sendable {
    var actor: String
    var onBehalfOf: String?
    var jobID: String?
    var projectID: String?
    var action: Action
    var resource: String
    var outcome: AuditOutcome
    var rule: String?
    var bytes: Int64?
    var requestID: String?
    var clientAddress: String?
    var detail: String?
    /// The time the source reported for the action, when it reported one.
    var sourceTime: Date?
    var role: String?
    var purpose: String?
    var sessionID: String?

    /// The access rules' decision: a denial was refused, anything else was allowed.
    var decision: String { outcome == .denied ? "deny" : "allow" }

    /// An entry about `context`'s principal doing `action` on `resource`.
    init(
        _ context: RequestContext, _ action: Action, resource: String, projectID: String?, outcome: AuditOutcome,
        rule: String?, bytes: Int64? = nil, detail: String? = nil
    ) {
        self.actor = context.actor
        self.onBehalfOf = context.principal.responsibleUserID
        self.jobID = context.jobID
        self.projectID = projectID
        self.action = action
        self.resource = resource
        self.outcome = outcome
        self.rule = rule
        self.bytes = bytes
        self.requestID = context.requestID
        self.clientAddress = context.clientAddress
        self.detail = detail
        self.purpose = context.declared.purpose
        self.sessionID = context.declared.sessionID
        self.sourceTime = context.declared.sourceTime
        if case .user(_, _, let isAdmin, let roles) = context.principal {
            self.role = projectID.flatMap { roles[$0]?.rawValue } ?? (isAdmin ? "admin" : nil)
        }
    }

    /// An entry about something Haven did by itself for a job, such as placing it or noticing its runner died.
    static func system(
        _ actor: String, _ action: Action, job: JobAPI.View, outcome: AuditOutcome, detail: String
    ) -> AuditEntry {
        var entry = AuditEntry(
            RequestContext(
                principal: .user(id: job.submittedByID, name: "", isAdmin: false, roles: [:]), requestID: "",
                clientAddress: ""),
            action, resource: "job:" + job.id, projectID: job.projectID, outcome: outcome, rule: nil, detail: detail)
        entry.actor = actor
        entry.jobID = job.id
        entry.requestID = nil
        entry.clientAddress = nil
        return entry
    }
}
