import HavenCore

/// Who is asking, and the request's identifiers that every audit entry carries.
struct RequestContext: Sendable {
    var principal: Principal
    var requestID: String
    var clientAddress: String
    /// The purpose, session and source time the request declared, for its audit entries.
    var declared = AuditHeaders()
    /// The Haven groups the user belongs to, from group membership or an identity provider's claim.
    var groups: Set<String> = []
    /// Whether the caller signed in with more than one factor.
    var mfa = false
    /// The actions the token may be used for (with wildcards); empty for the holder's full authority.
    var scopes: [GlobPattern] = []

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
