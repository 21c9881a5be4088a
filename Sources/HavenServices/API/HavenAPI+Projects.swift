import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addProjectRoutes(to router: inout Router) {
        router.add("POST", "/v1/projects") { [self] request in try await createProject(request) }
        router.add("GET", "/v1/projects") { [self] request in try await listProjects(request) }
        router.add("GET", "/v1/projects/:project") { [self] request in
            let context = try await authenticator.authenticate(request)
            let project = try await project(named: request.pathParameters["project"] ?? "")
            try await authorize(
                context, AccessRequest(action: .projectRead, projectID: project.id), resource: project.name)
            return try APIJSON.response(project)
        }
        router.add("POST", "/v1/projects/:project/members") { [self] request in try await addMember(request) }
        router.add("POST", "/v1/projects/:project/storage") { [self] request in try await createStorage(request) }
    }

    private func createProject(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let body = try decodeBody(request, as: ProjectAPI.Create.self)
        try Validation.name(body.name, field: "name")
        let decision = try await authorize(context, AccessRequest(action: .projectCreate), resource: body.name)

        let project = try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO projects (name, description, created_by) VALUES ($1, $2, $3::uuid)
                ON CONFLICT (name) DO NOTHING RETURNING id::text AS id, name, description, created_at
                """, [body.name, body.description ?? "", context.principal.responsibleUserID])
            guard let row = rows.first else {
                throw HTTPError.conflict("a project named `\(body.name)` already exists; pick another name")
            }
            let project = try ProjectAPI.View(
                id: row.decode("id"), name: row.decode("name"), description: row.decode("description"),
                createdAt: row.decode("created_at"))
            try await AuditLog.record(
                AuditEntry(
                    context, .projectCreate, resource: body.name, projectID: project.id, outcome: .success,
                    rule: decision.rule),
                on: connection)
            return project
        }
        return try APIJSON.response(project, status: 201)
    }

    private func listProjects(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let rows = try await pool.query(
            "SELECT id::text AS id, name, description, created_at FROM projects ORDER BY name")
        let projects = try rows.map { row in
            try ProjectAPI.View(
                id: row.decode("id"), name: row.decode("name"), description: row.decode("description"),
                createdAt: row.decode("created_at"))
        }
        let policy = policies.current
        let visible = projects.filter { project in
            let environment = AccessEnvironment(
                project: ProjectFacts(id: project.id, name: project.name), groups: context.groups, mfa: context.mfa)
            let access = AccessRequest(action: .projectRead, projectID: project.id)
            return AccessRules.decide(context.principal, access, policy: policy, environment: environment).allowed
        }
        return try APIJSON.response(visible)
    }

    private func addMember(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let body = try decodeBody(request, as: ProjectAPI.AddMember.self)
        let resource = "\(project.name)/members/\(body.user)"
        let access = AccessRequest(action: .memberAdd, projectID: project.id)
        let decision = try await authorize(context, access, resource: resource)
        if case .user(let callerID, let callerName, let isAdmin, let roles) = context.principal,
            callerName == body.user,
            let refusal = SeparationOfDuties.checkRoleAssignment(
                callerID: callerID, callerIsAdmin: isAdmin, callerRole: roles[project.id], userID: callerID,
                role: body.role)
        {
            try await refuse(context, access, resource: resource, refusal)
        }

        try await pool.transaction { connection in
            let count = try await connection.execute(
                """
                INSERT INTO project_members (project_id, user_id, role)
                SELECT $1::uuid, id, $3 FROM users WHERE name = $2
                ON CONFLICT (project_id, user_id) DO UPDATE SET role = EXCLUDED.role
                """, [project.id, body.user, body.role.rawValue])
            guard count == 1 else {
                throw HTTPError.notFound("no user named `\(body.user)`; `haven user list` shows the users")
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .memberAdd, resource: resource, projectID: project.id, outcome: .success,
                    rule: decision.rule, detail: "role " + body.role.rawValue),
                on: connection)
        }
        return try APIJSON.response(ProjectAPI.Member(user: body.user, role: body.role), status: 201)
    }

    private func createStorage(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let body = try decodeBody(request, as: ProjectAPI.CreateStorage.self)
        try Validation.name(body.name, field: "name")
        if body.kind == "s3" { return try await createS3Storage(body, project: project, context: context) }
        guard (body.kind ?? "filesystem") == "filesystem" else {
            throw HTTPError.badRequest(
                "field `kind` is `\(body.kind ?? "")`; the supported kinds are `filesystem` and `s3`")
        }
        if let classification = body.classification { try Validation.name(classification, field: "classification") }
        let resource = "\(project.name)/storage/\(body.name)"
        let decision = try await authorize(
            context, AccessRequest(action: .storageCreate, projectID: project.id), resource: resource)

        let root = try endpointRoot(body, project: project)
        let storage = try await pool.transaction { connection in
            // No endpoint's folder may contain another's: each project's data stays reachable through its own only.
            try await connection.execute("LOCK TABLE storage_endpoints IN SHARE ROW EXCLUSIVE MODE")
            let overlapping = try await connection.query(
                """
                SELECT 1 FROM storage_endpoints
                WHERE starts_with($1 || '/', root_path || '/') OR starts_with(root_path || '/', $1 || '/')
                """, [root.path])
            guard overlapping.isEmpty else {
                throw HTTPError.conflict("`\(root.path)` overlaps another storage endpoint's folder; choose another")
            }
            try ObjectStore.prepareEndpointFolder(root)
            let rows = try await connection.query(
                """
                INSERT INTO storage_endpoints (project_id, name, kind, root_path, classification)
                VALUES ($1::uuid, $2, 'filesystem', $3, COALESCE($4, 'pseudonymised'))
                ON CONFLICT (project_id, name) DO NOTHING RETURNING id::text AS id
                """, [project.id, body.name, root.path, body.classification])
            guard let row = rows.first else {
                throw HTTPError.conflict("project `\(project.name)` already has storage named `\(body.name)`")
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .storageCreate, resource: resource, projectID: project.id, outcome: .success,
                    rule: decision.rule),
                on: connection)
            return ProjectAPI.Storage(id: try row.decode("id"), name: body.name, kind: "filesystem", path: root.path)
        }
        return try APIJSON.response(storage, status: 201)
    }

    /// The endpoint's folder: the one given (an absolute path, normalised), or one under Haven's storage root.
    private func endpointRoot(_ body: ProjectAPI.CreateStorage, project: ProjectAPI.View) throws -> URL {
        guard let path = body.path else {
            return configuration.storageRoot.appending(path: project.name).appending(path: body.name)
        }
        guard path.hasPrefix("/") else {
            throw HTTPError.badRequest("field `path` is `\(path)`; give an absolute folder on the server")
        }
        return URL(filePath: path).standardizedFileURL
    }
}
