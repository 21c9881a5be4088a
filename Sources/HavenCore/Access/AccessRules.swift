/// Access decisions: a user's request is decided by the policy in force (default deny, see `DefaultPolicy`), and a
/// job token reaches only its own job's inputs, outputs, secrets and itself.
///
/// Secrets under the default policy: owners read, use and write them; researchers use and write them but cannot
/// read a value back, so a credential they may hand to a job never reaches their screen; a job reads only the
/// secrets it declared.
public enum AccessRules {
    /// Decides `request` for `principal` under `policy`; a job token is held to its job's scope, a user to the
    /// policy's rules.
    public static func decide(
        _ principal: Principal, _ request: AccessRequest, policy: PolicySet = DefaultPolicy.policy,
        environment: AccessEnvironment? = nil
    ) -> AccessDecision {
        switch principal {
        case .user:
            return policy.decide(query(principal, request, environment: environment))
        case .job(let grant):
            return decideJob(grant, request)
        }
    }

    /// The policy query for a user's request. Without an environment the request's project counts as active and
    /// is named by its id, as in tests of the rules alone.
    public static func query(
        _ principal: Principal, _ request: AccessRequest, environment: AccessEnvironment? = nil
    ) -> PolicyQuery {
        let environment =
            environment ?? AccessEnvironment(project: request.projectID.map { ProjectFacts(id: $0, name: $0) })
        var name = ""
        var groups = environment.groups
        var role: ProjectRole?
        if case .user(_, let userName, let isAdmin, let roles) = principal {
            name = userName
            if isAdmin { groups.insert(DefaultPolicy.adminGroup) }
            role = request.projectID.flatMap { roles[$0] }
        }
        return PolicyQuery(
            user: name, groups: groups, role: role, action: request.action.rawValue, project: environment.project,
            dataset: environment.dataset, classification: environment.classification, path: request.objectPath,
            purpose: environment.purpose, mfa: environment.mfa, time: environment.time)
    }

    static func decideJob(_ grant: JobGrant, _ request: AccessRequest) -> AccessDecision {
        guard request.projectID == grant.projectID else {
            return .deny("job.scope", "a job token works only in its own project")
        }
        switch request.action {
        case .dataRead where request.objectPath.map(grant.inputs.contains) == true:
            return .allow("job.inputs", "the object is one of the job's declared inputs")
        case .dataWrite where request.objectPath.map { ObjectPath.isInside($0, prefix: grant.outputPrefix) } == true:
            return .allow("job.outputs", "the object is under the job's output prefix")
        case .secretRead where request.secretName.map(grant.secrets.contains) == true:
            return .allow("job.secrets", "the secret is one the job declared")
        case .jobRead where request.jobID == grant.jobID, .jobReport where request.jobID == grant.jobID:
            return .allow("job.self", "a job may read and report on itself")
        default:
            return .deny(
                "job.scope", "a job token reaches only its declared inputs and secrets, its outputs and itself")
        }
    }
}
