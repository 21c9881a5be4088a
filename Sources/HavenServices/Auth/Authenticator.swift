import HTTPServer
import HavenCore
import HavenLogging
import PostgresClient

/// Turns a request's bearer token into a principal: a Haven API token, or an identity provider's JWT when OIDC is
/// configured. A missing, unknown, revoked, expired or unverifiable token is one 401.
struct Authenticator: Sendable {
    let pool: PostgresPool
    /// Verifies identity-provider JWTs; `nil` when no provider is configured.
    var oidc: JWTVerifier?
    var logger: Logger = .disabled

    func authenticate(_ request: HTTPRequest) async throws -> RequestContext {
        guard let header = request.header("authorization"), header.hasPrefix("Bearer ") else {
            throw HTTPError.unauthorized()
        }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        var identity: JWTVerifier.Identity?
        var scopes: [String] = []
        let found: Principal?
        if token.hasPrefix(TokenIssuer.prefix) {
            let pair = try await principal(for: token)
            found = pair?.0
            scopes = pair?.1 ?? []
        } else if let oidc, JWTVerifier.looksLikeJWT(token) {
            do {
                identity = try oidc.verify(token)
            } catch {
                logger.notice("bearer JWT refused", [.requestID: request.requestID, .reason: error.description])
                throw HTTPError.unauthorized()
            }
            found = try await principal(named: identity?.user ?? "")
        } else {
            found = nil
        }
        guard let principal = found else { throw HTTPError.unauthorized() }
        var context = RequestContext(
            principal: principal, requestID: request.requestID, clientAddress: request.clientAddress)
        context.purpose = request.header("haven-purpose")
        if case .user(let userID, _, _, _) = principal { context.groups = try await groups(of: userID) }
        context.groups.formUnion(identity?.groups ?? [])
        context.mfa = identity?.mfa ?? false
        context.scopes = scopes.map { GlobPattern($0) }
        return context
    }

    /// The enabled user named `name`, with their project roles; a JWT's user must exist in Haven.
    private func principal(named name: String) async throws -> Principal? {
        let rows = try await pool.query(
            "SELECT id::text AS id, is_admin FROM users WHERE name = $1 AND NOT disabled", [name])
        guard let row = rows.first else { return nil }
        let userID: String = try row.decode("id")
        return .user(id: userID, name: name, isAdmin: try row.decode("is_admin"), roles: try await roles(of: userID))
    }

    private func groups(of userID: String) async throws -> Set<String> {
        let rows = try await pool.query(
            "SELECT group_name FROM user_group_members WHERE user_id = $1::uuid", [userID])
        return Set(try rows.map { try $0.decode("group_name", as: String.self) })
    }

    /// The principal of a Haven token and the token's scopes.
    private func principal(for token: String) async throws -> (Principal, [String])? {
        let rows = try await pool.query(
            """
            SELECT u.id::text AS user_id, u.name, u.is_admin, t.job_id::text AS job_id, j.state, t.scopes,
                   j.project_id::text AS project_id, j.inputs, j.output_prefix,
                   ARRAY(SELECT s.name FROM job_secrets s WHERE s.job_id = j.id) AS secrets
            FROM api_tokens t
            JOIN users u ON u.id = t.user_id
            LEFT JOIN jobs j ON j.id = t.job_id
            WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND NOT u.disabled
              AND (t.expires_at IS NULL OR t.expires_at > now())
            """, [TokenIssuer.hash(token)])
        guard let row = rows.first else { return nil }
        let userID = try row.decode("user_id", as: String.self)
        let scopes = try row.decode("scopes", as: [String].self)

        if let jobID = try row.decode("job_id", as: String?.self) {
            let state = try row.decode("state", as: String.self)
            guard JobState(rawValue: state)?.holdsToken == true else { return nil }
            let grant = Principal.job(
                JobGrant(
                    jobID: jobID, projectID: try row.decode("project_id", as: String.self), submittedBy: userID,
                    inputs: Set(try row.decode("inputs", as: [String].self)),
                    outputPrefix: try row.decode("output_prefix", as: String.self),
                    secrets: Set(try row.decode("secrets", as: [String].self))))
            return (grant, scopes)
        }

        let user = Principal.user(
            id: userID, name: try row.decode("name", as: String.self),
            isAdmin: try row.decode("is_admin", as: Bool.self), roles: try await roles(of: userID))
        return (user, scopes)
    }

    private func roles(of userID: String) async throws -> [String: ProjectRole] {
        let roleRows = try await pool.query(
            "SELECT project_id::text AS project_id, role FROM project_members WHERE user_id = $1::uuid", [userID])
        var roles: [String: ProjectRole] = [:]
        for roleRow in roleRows {
            roles[try roleRow.decode("project_id", as: String.self)] = ProjectRole(
                rawValue: try roleRow.decode("role", as: String.self))
        }
        return roles
    }
}
