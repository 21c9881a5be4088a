import HavenCore

/// Who is asking, and the request's identifiers that every audit entry carries.
struct RequestContext: Sendable {
    var principal: Principal
    var requestID: String
    var clientAddress: String
    /// The purpose, session and source time the request declared, for its audit entries.
    var declared = AuditHeaders()

    /// `user:<name>` or `job:<id>`, as the audit log names actors.
    var actor: String {
        switch principal {
        case .user(_, let name, _, _): return "user:" + name
        case .job(let grant): return "job:" + grant.jobID
        }
    }

    var jobID: String? {
        if case .job(let grant) = principal { return grant.jobID }
        return nil
    }
}
