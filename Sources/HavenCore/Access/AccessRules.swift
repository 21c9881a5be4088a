/// The built-in access rules: default deny, platform admins run the platform, project roles act inside projects,
/// and job tokens reach only their own job's inputs and outputs.
///
/// Platform admins do not read project data by being admins: data needs a project role, as in any TRE.
/// Secrets: owners read, use and write them; researchers use and write them but cannot read a value back, so a
/// credential they may hand to a job never reaches their screen; a job reads only the secrets it declared.
public enum AccessRules {
    static let platformActions: Set<Action> = [
        .userCreate, .userList, .projectCreate, .projectRead, .memberAdd, .storageCreate, .poolCreate, .poolList,
        .vaultRotateKEK, .auditVerify,
    ]

    static let roleActions: [ProjectRole: Set<Action>] = [
        .owner: [
            .projectRead, .memberAdd, .dataRead, .dataWrite, .dataList, .jobSubmit, .jobRead, .jobCancel,
            .modelRegister, .modelRead, .modelPromote, .secretRead, .secretUse, .secretWrite,
            .pacsSearch, .pacsPull, .dicomImport, .dicomRead, .dicomPolicy,
            .dataDelete, .dataGrant, .datasetWrite, .datasetRead,
        ],
        .researcher: [
            .projectRead, .dataRead, .dataWrite, .dataList, .jobSubmit, .jobRead, .jobCancel, .modelRegister,
            .modelRead,
            .secretUse, .secretWrite, .pacsSearch, .pacsPull, .dicomImport, .dicomRead, .dataDelete, .dataGrant,
            .datasetWrite, .datasetRead,
        ],
        .dataSteward: [.projectRead, .dataRead, .dataList, .jobRead, .dicomRead, .datasetRead],
        .outputReviewer: [.projectRead, .dataRead, .dataList, .jobRead, .datasetRead],
        .auditor: [.projectRead, .dataList, .jobRead, .auditExport, .datasetRead],
    ]

    /// Decides `request` for `principal`; anything no rule allows is denied.
    public static func decide(_ principal: Principal, _ request: AccessRequest) -> AccessDecision {
        switch principal {
        case .user(_, _, let isAdmin, let roles):
            return decideUser(isAdmin: isAdmin, roles: roles, request)
        case .job(let grant):
            return decideJob(grant, request)
        }
    }

    static func decideUser(isAdmin: Bool, roles: [String: ProjectRole], _ request: AccessRequest) -> AccessDecision {
        if isAdmin && platformActions.contains(request.action) {
            return .allow("platform.admin", "platform admins run users, projects, storage and pools")
        }
        if request.action == .poolList {
            return .allow("platform.pool.list", "every user may see the node pools")
        }
        guard let projectID = request.projectID, let role = roles[projectID] else {
            return .deny(
                "default.deny",
                request.projectID == nil
                    ? "only platform admins may \(request.action.rawValue)"
                    : "no rule allows \(request.action.rawValue) here; ask a project owner for a role")
        }
        if request.action == .dataWrite, let path = request.objectPath, ObjectPath.isInside(path, prefix: "jobs") {
            return .deny("jobs.reserved", "`jobs/` holds job outputs, written by jobs only; choose another folder")
        }
        if roleActions[role, default: []].contains(request.action) {
            return .allow("role.\(role.rawValue)", "the \(role.rawValue) role allows \(request.action.rawValue)")
        }
        return .deny("role.\(role.rawValue)", "the \(role.rawValue) role does not allow \(request.action.rawValue)")
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
