import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addUserRoutes(to router: inout Router) {
        router.add("POST", "/v1/users") { [self] request in try await createUser(request) }
        router.add("GET", "/v1/users") { [self] request in try await listUsers(request) }
        router.add("GET", "/v1/whoami") { [self] request in
            let context = try await authenticator.authenticate(request)
            return try APIJSON.response([
                "actor": context.actor, "groups": context.groups.sorted().joined(separator: ","),
                "mfa": context.mfa ? "yes" : "no",
            ])
        }
    }

    private func createUser(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let body = try decodeBody(request, as: UserAPI.Create.self)
        try Validation.name(body.name, field: "name", punctuation: "-_.")
        let decision = try await authorize(context, AccessRequest(action: .userCreate), resource: "user:" + body.name)

        let created = try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO users (name, is_admin) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING
                RETURNING id::text AS id, name, is_admin, disabled, created_at
                """, [body.name, body.isAdmin ?? false])
            guard let row = rows.first else {
                throw HTTPError.conflict("a user named `\(body.name)` already exists; pick another name")
            }
            let user = try Self.userView(row)
            let token = try await TokenIssuer.issue(on: connection, userID: user.id, label: "first token")
            try await AuditLog.record(
                AuditEntry(
                    context, .userCreate, resource: "user:" + body.name, projectID: nil, outcome: .success,
                    rule: decision.rule),
                on: connection)
            return UserAPI.Created(user: user, token: token)
        }
        return try APIJSON.response(created, status: 201)
    }

    private func listUsers(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        try await authorize(context, AccessRequest(action: .userList), resource: "users")
        let rows = try await pool.query(
            "SELECT id::text AS id, name, is_admin, disabled, created_at FROM users ORDER BY name")
        return try APIJSON.response(try rows.map(Self.userView))
    }

    static func userView(_ row: PostgresRow) throws -> UserAPI.View {
        try UserAPI.View(
            id: row.decode("id"), name: row.decode("name"), isAdmin: row.decode("is_admin"),
            disabled: row.decode("disabled"), createdAt: row.decode("created_at"))
    }
}
