import HTTPServer
import HavenCore
import PostgresClient

/// Turns a request's bearer token into a principal; a missing, unknown, revoked or expired token is one 401.
struct Authenticator: Sendable {
    let pool: PostgresPool

    func authenticate(_ request: HTTPRequest) async throws -> RequestContext {
        guard let header = request.header("authorization"), header.hasPrefix("Bearer ") else {
            throw HTTPError.unauthorized()
        }
        let token = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard token.hasPrefix(TokenIssuer.prefix), let principal = try await principal(for: token) else {
            throw HTTPError.unauthorized()
        }
        return RequestContext(
            principal: principal, requestID: request.requestID, clientAddress: request.clientAddress,
            declared: try AuditHeaders(request))
    }

    private func principal(for token: String) async throws -> Principal? {
        let rows = try await pool.query(
            """
            SELECT u.id::text AS user_id, u.name, u.is_admin, t.job_id::text AS job_id, j.state,
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

        if let jobID = try row.decode("job_id", as: String?.self) {
            let state = try row.decode("state", as: String.self)
            guard JobState(rawValue: state)?.holdsToken == true else { return nil }
            return .job(
                JobGrant(
                    jobID: jobID, projectID: try row.decode("project_id", as: String.self), submittedBy: userID,
                    inputs: Set(try row.decode("inputs", as: [String].self)),
                    outputPrefix: try row.decode("output_prefix", as: String.self),
                    secrets: Set(try row.decode("secrets", as: [String].self))))
        }

        let roleRows = try await pool.query(
            "SELECT project_id::text AS project_id, role FROM project_members WHERE user_id = $1::uuid", [userID])
        var roles: [String: ProjectRole] = [:]
        for roleRow in roleRows {
            roles[try roleRow.decode("project_id", as: String.self)] = ProjectRole(
                rawValue: try roleRow.decode("role", as: String.self))
        }
        return .user(
            id: userID, name: try row.decode("name", as: String.self),
            isAdmin: try row.decode("is_admin", as: Bool.self), roles: roles)
    }
}
