/// The policy Haven ships and runs until an admin applies one: the same rules as the files in `Policies/`.
///
/// Platform admins run users, projects, storage and pools but read no project data by being admins; each project
/// role acts only inside its project while the project is active; nobody but a job writes under `jobs/`.
public enum DefaultPolicy {
    /// The group every platform admin belongs to.
    public static let adminGroup = "admins"

    public static let rules: [PolicyRule] =
        [
            PolicyRule(
                id: "jobs.reserved", effect: .deny, principals: PolicyPrincipals(everyone: true),
                actions: [GlobPattern(Action.dataWrite.rawValue)],
                resources: PolicyResources(paths: [GlobPattern("jobs/**", isPath: true)]),
                description: "`jobs/` holds job outputs, written by jobs only; choose another folder"),
            PolicyRule(
                id: "platform.admin", effect: .allow, principals: PolicyPrincipals(groups: [adminGroup]),
                actions: platformActions.map { GlobPattern($0) },
                description: "platform admins run users, projects, storage and pools"),
            PolicyRule(
                id: "platform.pool.list", effect: .allow, principals: PolicyPrincipals(everyone: true),
                actions: [GlobPattern(Action.poolList.rawValue)], description: "every user may see the node pools"),
        ] + ProjectRole.allCases.map(roleRule)

    public static let policy = PolicySet(rules: rules)

    static let platformActions: [String] = [
        "user.*", "project.create", "project.read", "project.member.*", "project.state", "storage.create",
        "pool.create", "pool.list", "group.*", "token.*", "vault.rotate-kek", "audit.verify", "policy.*",
    ]

    static let roleActions: [ProjectRole: [String]] = [
        .owner: [
            "project.read", "project.member.add", "data.read", "data.write", "data.list", "job.submit", "job.read",
            "job.cancel", "model.register", "model.read", "model.promote", "secret.read", "secret.use",
            "secret.write", "pacs.search", "pacs.pull", "dicom.import", "dicom.read", "dicom.policy", "data.delete",
            "data.grant", "dataset.write", "dataset.read", "session.start", "session.extend", "session.connect",
        ],
        .researcher: [
            "project.read", "data.read", "data.write", "data.list", "job.submit", "job.read", "job.cancel",
            "model.register", "model.read", "secret.use", "secret.write", "pacs.search", "pacs.pull",
            "dicom.import", "dicom.read", "data.delete", "data.grant", "dataset.write", "dataset.read",
            "session.start", "session.extend", "session.connect",
        ],
        .dataSteward: ["project.read", "data.read", "data.list", "job.read", "dicom.read", "dataset.read"],
        .outputReviewer: ["project.read", "data.read", "data.list", "job.read", "dataset.read"],
        .auditor: ["project.read", "data.list", "job.read", "audit.export", "dataset.read"],
    ]

    static func roleRule(_ role: ProjectRole) -> PolicyRule {
        PolicyRule(
            id: "role." + role.rawValue, effect: .allow, principals: PolicyPrincipals(roles: [role]),
            actions: roleActions[role, default: []].map { GlobPattern($0) },
            conditions: PolicyConditions(projectActive: true),
            description: "the \(role.rawValue) role allows this in an active project")
    }
}
