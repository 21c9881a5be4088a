import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addPolicyRoutes(to router: inout Router) {
        router.add("POST", "/v1/policies") { [self] request in try await applyPolicy(request) }
        router.add("GET", "/v1/policies") { [self] request in
            let context = try await authenticator.authenticate(request)
            try await authorize(context, AccessRequest(action: .policyRead), resource: "policies")
            return try APIJSON.response(try await policies.history())
        }
        router.add("POST", "/v1/policies/rollback") { [self] request in try await rollbackPolicy(request) }
        router.add("POST", "/v1/policies/explain") { [self] request in try await explainPolicy(request) }
    }

    /// Where admission finds a project's compute limits: the policy in force, unless the configuration names fixed
    /// quotas (a server configured by hand, or a test).
    var quotaSource: any QuotaSource {
        if let fixed = configuration.quotas as? FixedQuotas, fixed.quotas.isEmpty { return policies }
        return configuration.quotas
    }

    /// The facts the policy needs beyond the request: the project's lifecycle, the dataset's classification, the
    /// caller's groups, sign-in and declared purpose.
    func environment(_ context: RequestContext, _ access: AccessRequest, dataset: String?) async throws
        -> AccessEnvironment
    {
        var environment = AccessEnvironment(groups: context.groups, mfa: context.mfa, purpose: context.declared.purpose)
        guard let projectID = access.projectID else { return environment }
        let rows = try await pool.query(
            """
            SELECT p.name, p.state, p.starts_at, p.ends_at, p.purpose,
                   (SELECT e.classification FROM storage_endpoints e WHERE e.project_id = p.id AND e.name = $2)
                   AS classification
            FROM projects p WHERE p.id = $1::uuid
            """, [projectID, dataset])
        guard let row = rows.first else { return environment }
        environment.project = try ProjectFacts(
            id: projectID, name: row.decode("name"),
            state: ProjectState(rawValue: row.decode("state")) ?? .proposed, startsAt: row.decode("starts_at"),
            endsAt: row.decode("ends_at"), purpose: row.decode("purpose"))
        environment.dataset = dataset
        environment.classification = try row.decode("classification")
        return environment
    }

    private func applyPolicy(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let body = try decodeBody(request, as: PolicyAPI.Apply.self)
        let decision = try await authorize(context, AccessRequest(action: .policyApply), resource: "policies")
        guard !body.files.isEmpty else {
            throw HTTPError.badRequest("field `files` is empty; send the .yaml files of a policy folder")
        }
        return try await replacePolicy(with: body.files, dryRun: body.dryRun, restores: nil, context, decision)
    }

    private func rollbackPolicy(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let body = try decodeBody(request, as: PolicyAPI.Rollback.self)
        let decision = try await authorize(context, AccessRequest(action: .policyApply), resource: "policies")
        let files = try await policies.files(ofVersion: body.version)
        return try await replacePolicy(with: files, dryRun: false, restores: body.version, context, decision)
    }

    /// Compares `files` with the policy in force and, unless a dry run, stores them as the next active version.
    private func replacePolicy(
        with files: [PolicyFile], dryRun: Bool, restores: Int?, _ context: RequestContext, _ decision: AccessDecision
    ) async throws -> HTTPResponse {
        let policy: PolicySet
        do {
            policy = try PolicyDocument.policy(from: files)
        } catch let error as PolicyFileError {
            throw HTTPError.badRequest("policy not applied: \(error.description)")
        }
        let diff = PolicyDiff(from: policies.current, to: policy)
        let hash = PolicyDocument.contentHash(files)
        guard !dryRun else {
            return try APIJSON.response(PolicyAPI.Applied(version: nil, contentHash: hash, diff: diff))
        }

        let version = try await pool.transaction { connection in
            let version = try await policies.store(
                files, by: context.principal.responsibleUserID, restores: restores, on: connection)
            let detail = "version \(version) sha256 \(hash)" + (restores.map { " restores version \($0)" } ?? "")
            try await AuditLog.record(
                AuditEntry(
                    context, .policyApply, resource: "policies", projectID: nil, outcome: .success,
                    rule: decision.rule, detail: detail),
                on: connection)
            return version
        }
        try await policies.reload()
        return try APIJSON.response(PolicyAPI.Applied(version: version, contentHash: hash, diff: diff), status: 201)
    }

    private func explainPolicy(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let body = try decodeBody(request, as: PolicyAPI.ExplainQuery.self)
        try await authorize(context, AccessRequest(action: .policyRead), resource: "policies")
        let (principal, groups) = try await principal(named: body.user)
        let target = try await explainTarget(body.resource)
        var subject = context
        subject.principal = principal
        subject.groups = groups
        subject.declared.purpose = body.purpose
        subject.mfa = false
        let access = AccessRequest(action: Action(rawValue: body.action) ?? .policyRead, projectID: target.projectID)
        var query = AccessRules.query(
            principal, access, environment: try await environment(subject, access, dataset: target.dataset))
        query.action = body.action
        query.path = target.path
        let explanation = policies.current.explain(query)
        return try APIJSON.response(
            PolicyAPI.Explanation(
                version: policies.currentVersion, allowed: explanation.decision.allowed,
                rule: explanation.decision.rule, reason: explanation.decision.reason, verdicts: explanation.verdicts))
    }

    /// The user named `name` as a principal, with their roles and groups; a 404 names an unknown user.
    func principal(named name: String) async throws -> (Principal, Set<String>) {
        let rows = try await pool.query(
            """
            SELECT u.id::text AS id, u.is_admin,
                   ARRAY(SELECT m.project_id::text || '=' || m.role FROM project_members m WHERE m.user_id = u.id)
                   AS roles,
                   ARRAY(SELECT g.group_name FROM user_group_members g WHERE g.user_id = u.id) AS groups
            FROM users u WHERE u.name = $1
            """, [name])
        guard let row = rows.first else {
            throw HTTPError.notFound("no user named `\(name)`; `haven user list` shows the users")
        }
        var roles: [String: ProjectRole] = [:]
        for pair in try row.decode("roles", as: [String].self) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { roles[parts[0]] = ProjectRole(rawValue: parts[1]) }
        }
        let principal = Principal.user(
            id: try row.decode("id"), name: name, isAdmin: try row.decode("is_admin"), roles: roles)
        return (principal, Set(try row.decode("groups", as: [String].self)))
    }

    /// Splits `PROJECT/DATASET:PATH` into the project's id, the dataset and the path.
    private func explainTarget(_ resource: String) async throws -> (projectID: String?, dataset: String?, path: String?)
    {
        guard !resource.isEmpty else { return (nil, nil, nil) }
        let slash = resource.split(separator: "/", maxSplits: 1).map(String.init)
        let project = try await project(named: slash[0])
        guard slash.count == 2 else { return (project.id, nil, nil) }
        let colon = slash[1].split(separator: ":", maxSplits: 1).map(String.init)
        return (project.id, colon[0], colon.count == 2 ? colon[1] : nil)
    }
}
