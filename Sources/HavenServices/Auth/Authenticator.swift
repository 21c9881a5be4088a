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

    /// Who holds a credential: the principal, the token's scopes and the user's Haven groups.
    private struct Holder {
        var principal: Principal
        var scopes: [String] = []
        var groups: Set<String> = []
    }

    /// A user's project roles (`project=role`) and groups, read in the same query as the user.
    private static let rolesAndGroups = """
        ARRAY(SELECT m.project_id::text || '=' || m.role FROM project_members m WHERE m.user_id = u.id) AS roles,
        ARRAY(SELECT g.group_name FROM user_group_members g WHERE g.user_id = u.id) AS groups
        """

    func authenticate(_ request: HTTPRequest) async throws -> RequestContext {
        guard let header = request.header("authorization"), header.hasPrefix("Bearer ") else {
            throw HTTPError.unauthorized()
        }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        var identity: JWTVerifier.Identity?
        let found: Holder?
        if token.hasPrefix(TokenIssuer.prefix) {
            found = try await holder(of: token)
        } else if let oidc, JWTVerifier.looksLikeJWT(token) {
            do {
                identity = try oidc.verify(token)
            } catch {
                logger.notice("bearer JWT refused", [.requestID: request.requestID, .reason: error.description])
                throw HTTPError.unauthorized()
            }
            found = try await user(named: identity?.user ?? "")
        } else {
            found = nil
        }
        guard let holder = found else { throw HTTPError.unauthorized() }
        var context = RequestContext(
            principal: holder.principal, requestID: request.requestID, clientAddress: request.clientAddress,
            declared: try AuditHeaders(request))
        context.groups = holder.groups.union(identity?.groups ?? [])
        context.mfa = identity?.mfa ?? false
        context.scopes = holder.scopes.map { GlobPattern($0) }
        return context
    }

    /// The enabled user named `name`, with their project roles and groups; a JWT's user must exist in Haven.
    private func user(named name: String) async throws -> Holder? {
        let rows = try await pool.query(
            """
            SELECT u.id::text AS id, u.is_admin, \(Self.rolesAndGroups)
            FROM users u WHERE u.name = $1 AND NOT u.disabled
            """, [name])
        guard let row = rows.first else { return nil }
        let principal = Principal.user(
            id: try row.decode("id"), name: name, isAdmin: try row.decode("is_admin"), roles: try Self.roles(row))
        return Holder(principal: principal, groups: Set(try row.decode("groups", as: [String].self)))
    }

    /// The holder of a Haven token, in one query: the user or the job, the token's scopes, the user's groups.
    private func holder(of token: String) async throws -> Holder? {
        let rows = try await pool.query(
            """
            SELECT u.id::text AS user_id, u.name, u.is_admin, t.job_id::text AS job_id, j.state, t.scopes,
                   j.project_id::text AS project_id, j.inputs, j.output_prefix,
                   ARRAY(SELECT s.name FROM job_secrets s WHERE s.job_id = j.id) AS secrets,
                   \(Self.rolesAndGroups)
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
            let grant = JobGrant(
                jobID: jobID, projectID: try row.decode("project_id", as: String.self), submittedBy: userID,
                inputs: Set(try row.decode("inputs", as: [String].self)),
                outputPrefix: try row.decode("output_prefix", as: String.self),
                secrets: Set(try row.decode("secrets", as: [String].self)))
            return Holder(principal: .job(grant), scopes: scopes)
        }

        let user = Principal.user(
            id: userID, name: try row.decode("name", as: String.self),
            isAdmin: try row.decode("is_admin", as: Bool.self), roles: try Self.roles(row))
        return Holder(principal: user, scopes: scopes, groups: Set(try row.decode("groups", as: [String].self)))
    }

    private static func roles(_ row: PostgresRow) throws -> [String: ProjectRole] {
        var roles: [String: ProjectRole] = [:]
        for pair in try row.decode("roles", as: [String].self) {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { roles[parts[0]] = ProjectRole(rawValue: parts[1]) }
        }
        return roles
    }
}
