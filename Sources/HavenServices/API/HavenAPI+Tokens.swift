import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addTokenRoutes(to router: inout Router) {
        router.add("POST", "/v1/tokens") { [self] request in try await createToken(request) }
        router.add("GET", "/v1/tokens") { [self] request in try await listTokens(request) }
        router.add("DELETE", "/v1/tokens/:id") { [self] request in try await revokeToken(request) }
    }

    static let selectToken = """
        SELECT t.id::text AS id, u.name AS user_name, t.label, t.job_id::text AS job_id, t.scopes, t.created_at,
               t.expires_at, t.revoked_at
        FROM api_tokens t JOIN users u ON u.id = t.user_id
        """

    /// Decides whether the caller may manage `user`'s tokens: their own always (rule `token.self`), another's
    /// by the policy's `token.admin`.
    private func authorizeTokens(_ context: RequestContext, user: String, resource: String) async throws -> String {
        guard case .user(_, let name, _, _) = context.principal else {
            return try await authorize(context, AccessRequest(action: .tokenAdmin), resource: resource).rule
        }
        if name == user { return "token.self" }
        return try await authorize(context, AccessRequest(action: .tokenAdmin), resource: resource).rule
    }

    private func createToken(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let body = try decodeBody(request, as: TokenAPI.Create.self)
        guard case .user(_, let callerName, _, _) = context.principal else {
            throw HTTPError.forbidden("a job token cannot make tokens")
        }
        let user = body.user ?? callerName
        if let hours = body.expiresInHours, hours <= 0 || !hours.isFinite {
            throw HTTPError.badRequest("field `expiresInHours` is \(hours); give a positive number of hours")
        }
        let resource = "token:" + user
        let rule = try await authorizeTokens(context, user: user, resource: resource)
        let expiresAt = body.expiresInHours.map { Date().addingTimeInterval($0 * 3600) }
        let created = try await pool.transaction { connection in
            let rows = try await connection.query("SELECT id::text AS id FROM users WHERE name = $1", [user])
            guard let userID: String = try rows.first?.decode("id") else {
                throw HTTPError.notFound("no user named `\(user)`; `haven user list` shows the users")
            }
            let secret = try await TokenIssuer.issue(
                on: connection, userID: userID, label: body.label, scopes: body.scopes ?? [], expiresAt: expiresAt)
            let view = try await connection.query(
                Self.selectToken + " WHERE t.token_hash = $1", [TokenIssuer.hash(secret)]
            ).map(Self.tokenView)[0]
            try await AuditLog.record(
                AuditEntry(
                    context, .tokenAdmin, resource: resource, projectID: nil, outcome: .success, rule: rule,
                    detail: "created token " + view.id),
                on: connection)
            return TokenAPI.Created(token: view, secret: secret)
        }
        return try APIJSON.response(created, status: 201)
    }

    private func listTokens(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        guard case .user(_, let callerName, _, _) = context.principal else {
            throw HTTPError.forbidden("a job token cannot list tokens")
        }
        let user = request.query["user"] ?? callerName
        _ = try await authorizeTokens(context, user: user, resource: "token:" + user)
        let rows = try await pool.query(
            Self.selectToken + " WHERE u.name = $1 ORDER BY t.created_at DESC", [user])
        return try APIJSON.response(try rows.map(Self.tokenView))
    }

    /// Revokes a token; the next request with it is refused, and a job token's job is stopped.
    private func revokeToken(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let id = request.pathParameters["id"] ?? ""
        guard UUID(uuidString: id) != nil else {
            throw HTTPError.badRequest("token id `\(id)` is not a UUID; `haven token list` shows the ids")
        }
        let rows = try await pool.query(Self.selectToken + " WHERE t.id = $1::uuid", [id])
        guard let token = try rows.map(Self.tokenView).first else {
            throw HTTPError.notFound("no token `\(id)`; `haven token list` shows your tokens")
        }
        let resource = "token:\(token.user)/\(id)"
        let rule = try await authorizeTokens(context, user: token.user, resource: resource)
        let stopped = try await pool.transaction { connection in
            try await connection.execute(
                "UPDATE api_tokens SET revoked_at = now() WHERE id = $1::uuid AND revoked_at IS NULL", [id])
            try await AuditLog.record(
                AuditEntry(
                    context, .tokenAdmin, resource: resource, projectID: nil, outcome: .success, rule: rule,
                    detail: "revoked"),
                on: connection)
            guard let jobID = token.jobID else { return [String]() }
            return try await JobStore.stopRevokedJobs(
                userID: nil, projectID: nil, jobID: jobID, reason: "its token was revoked", rule: "revoke.token",
                context: context, on: connection)
        }
        return try APIJSON.response(GovernanceAPI.Revoked(subject: resource, stoppedJobs: stopped))
    }

    static func tokenView(_ row: PostgresRow) throws -> TokenAPI.View {
        try TokenAPI.View(
            id: row.decode("id"), user: row.decode("user_name"), label: row.decode("label"),
            jobID: row.decode("job_id"), scopes: row.decode("scopes"), createdAt: row.decode("created_at"),
            expiresAt: row.decode("expires_at"), revokedAt: row.decode("revoked_at"))
    }
}
