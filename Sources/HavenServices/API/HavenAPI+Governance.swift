import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addGovernanceRoutes(to router: inout Router) {
        router.add("POST", "/v1/users/:user/disable") { [self] request in try await setDisabled(request, true) }
        router.add("POST", "/v1/users/:user/enable") { [self] request in try await setDisabled(request, false) }
        router.add("POST", "/v1/projects/:project/lifecycle") { [self] request in try await changeLifecycle(request) }
        router.add("DELETE", "/v1/projects/:project/members/:user") { [self] request in try await removeMember(request)
        }
        router.add("POST", "/v1/groups") { [self] request in try await createGroup(request) }
        router.add("POST", "/v1/groups/:group/members") { [self] request in try await addGroupMember(request) }
    }

    /// Disables or enables a user; disabling refuses their next request and stops their live jobs.
    private func setDisabled(_ request: HTTPRequest, _ disabled: Bool) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let name = request.pathParameters["user"] ?? ""
        let resource = "user:" + name
        let decision = try await authorize(context, AccessRequest(action: .userDisable), resource: resource)
        let stopped = try await pool.transaction { connection in
            let rows = try await connection.query(
                "UPDATE users SET disabled = $2 WHERE name = $1 RETURNING id::text AS id", [name, disabled])
            guard let userID: String = try rows.first?.decode("id") else {
                throw HTTPError.notFound("no user named `\(name)`; `haven user list` shows the users")
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .userDisable, resource: resource, projectID: nil, outcome: .success, rule: decision.rule,
                    detail: disabled ? "disabled" : "enabled"),
                on: connection)
            guard disabled else { return [String]() }
            return try await JobStore.stopRevokedJobs(
                userID: userID, projectID: nil, reason: "user \(name) was disabled", rule: "revoke.user-disabled",
                context: context, on: connection)
        }
        return try APIJSON.response(GovernanceAPI.Revoked(subject: resource, stoppedJobs: stopped))
    }

    /// Moves a project through its lifecycle; ending or archiving it stops its live jobs.
    private func changeLifecycle(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let body = try decodeBody(request, as: GovernanceAPI.Lifecycle.self)
        let resource = project.name + "/lifecycle"
        let decision = try await authorize(
            context, AccessRequest(action: .projectState, projectID: project.id), resource: resource)
        if let startsAt = body.startsAt, let endsAt = body.endsAt, endsAt <= startsAt {
            throw HTTPError.badRequest("field `endsAt` is not after `startsAt`; give an end after the start")
        }
        let stopped = try await pool.transaction { connection in
            try await connection.execute(
                """
                UPDATE projects SET state = COALESCE($2, state), starts_at = COALESCE($3, starts_at),
                    ends_at = COALESCE($4, ends_at), purpose = COALESCE($5, purpose)
                WHERE id = $1::uuid
                """, [project.id, body.state?.rawValue, body.startsAt, body.endsAt, body.purpose])
            try await AuditLog.record(
                AuditEntry(
                    context, .projectState, resource: resource, projectID: project.id, outcome: .success,
                    rule: decision.rule, detail: body.state.map { "state " + $0.rawValue }),
                on: connection)
            guard let state = body.state, state == .ended || state == .archived else { return [String]() }
            return try await JobStore.stopRevokedJobs(
                userID: nil, projectID: project.id, reason: "project \(project.name) is \(state.rawValue)",
                rule: "revoke.project-ended", context: context, on: connection)
        }
        return try APIJSON.response(GovernanceAPI.Revoked(subject: resource, stoppedJobs: stopped))
    }

    /// Takes a member's role away, refusing their next request in the project and stopping their jobs there.
    private func removeMember(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let name = request.pathParameters["user"] ?? ""
        let resource = "\(project.name)/members/\(name)"
        let decision = try await authorize(
            context, AccessRequest(action: .memberRemove, projectID: project.id), resource: resource)
        let stopped = try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                DELETE FROM project_members m USING users u
                WHERE m.user_id = u.id AND m.project_id = $1::uuid AND u.name = $2 RETURNING u.id::text AS id
                """, [project.id, name])
            guard let userID: String = try rows.first?.decode("id") else {
                throw HTTPError.notFound("`\(name)` has no role in project `\(project.name)`")
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .memberRemove, resource: resource, projectID: project.id, outcome: .success,
                    rule: decision.rule),
                on: connection)
            return try await JobStore.stopRevokedJobs(
                userID: userID, projectID: project.id, reason: "\(name) lost their role in \(project.name)",
                rule: "revoke.role-removed", context: context, on: connection)
        }
        return try APIJSON.response(GovernanceAPI.Revoked(subject: resource, stoppedJobs: stopped))
    }

    private func createGroup(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let body = try decodeBody(request, as: GovernanceAPI.Group.self)
        try Validation.name(body.name, field: "name", punctuation: "-_.")
        let resource = "group:" + body.name
        let decision = try await authorize(context, AccessRequest(action: .groupWrite), resource: resource)
        try await pool.transaction { connection in
            let count = try await connection.execute(
                "INSERT INTO user_groups (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", [body.name])
            guard count == 1 else { throw HTTPError.conflict("a group named `\(body.name)` already exists") }
            try await AuditLog.record(
                AuditEntry(
                    context, .groupWrite, resource: resource, projectID: nil, outcome: .success, rule: decision.rule),
                on: connection)
        }
        return try APIJSON.response(body, status: 201)
    }

    private func addGroupMember(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let group = request.pathParameters["group"] ?? ""
        let body = try decodeBody(request, as: GovernanceAPI.GroupMember.self)
        let resource = "group:\(group)/members/\(body.user)"
        let decision = try await authorize(context, AccessRequest(action: .groupWrite), resource: resource)
        try await pool.transaction { connection in
            let count = try await connection.execute(
                """
                INSERT INTO user_group_members (group_name, user_id)
                SELECT g.name, u.id FROM user_groups g, users u WHERE g.name = $1 AND u.name = $2
                ON CONFLICT DO NOTHING
                """, [group, body.user])
            guard count == 1 else {
                throw HTTPError.notFound("no group `\(group)` or user `\(body.user)`, or the user is already a member")
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .groupWrite, resource: resource, projectID: nil, outcome: .success, rule: decision.rule),
                on: connection)
        }
        return try APIJSON.response(body, status: 201)
    }

    /// Refuses an action the policy allowed but a separation of duties forbids; audited like any denial.
    func refuse(
        _ context: RequestContext, _ access: AccessRequest, resource: String, _ refusal: AccessDecision
    ) async throws -> Never {
        try await AuditLog.record(
            AuditEntry(
                context, access.action, resource: resource, projectID: access.projectID, outcome: .denied,
                rule: refusal.rule, detail: refusal.reason),
            in: pool)
        throw HTTPError.forbidden("\(access.action.rawValue) on \(resource) is not allowed: \(refusal.reason)")
    }
}
