/// Who is making a request: a person with an API token, or a running job with its job token.
public enum Principal: Sendable, Equatable {
    /// A user; `isAdmin` marks a platform admin, `roles` maps project ids to the user's role there.
    case user(id: String, name: String, isAdmin: Bool, roles: [String: ProjectRole])
    /// A job acting for the user who submitted it, limited to its declared inputs and output prefix.
    case job(JobGrant)

    /// The user id that audit events name as responsible: the user, or the job's submitter.
    public var responsibleUserID: String {
        switch self {
        case .user(let id, _, _, _): return id
        case .job(let grant): return grant.submittedBy
        }
    }
}
