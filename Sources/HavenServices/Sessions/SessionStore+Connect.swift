import Foundation
import HTTPServer
import HavenCore
import HavenCrypto
import PostgresClient

extension SessionStore {
    /// Hands the session's requester its gateway address and a fresh one-time token, replacing any earlier token
    /// not used yet. Only the requester gets one: not another member, not an admin.
    func connect(_ session: Record, context: RequestContext, rule: String) async throws -> SessionAPI.Connection {
        guard case .user(let userID, _, _, _) = context.principal, userID == session.requestedByID else {
            try await AuditLog.record(
                AuditEntry(
                    context, .sessionConnect, resource: "job:" + session.view.id, projectID: session.projectID,
                    outcome: .denied, rule: "session.requester",
                    detail: "connection details go only to the session's requester, "
                        + session.view.requestedBy),
                in: pool)
            throw HTTPError.forbidden(
                "session \(session.view.id) belongs to \(session.view.requestedBy); only they may connect to it")
        }
        guard session.view.state == .running, let address = session.address else {
            throw HTTPError.conflict(
                "session \(session.view.id) is \(session.view.state.rawValue) and its gateway is not listening"
                    + (session.view.state.isFinal ? "; start a new session" : " yet; try again in a few seconds"))
        }
        let token = SecureRandom.token()
        let expires = Date().addingTimeInterval(Self.tokenLifetime)
        try await pool.transaction { connection in
            try await connection.execute(
                """
                UPDATE job_sessions SET connect_token_hash = $2, connect_token_expires_at = $3
                WHERE job_id = $1::uuid
                """, [session.view.id, SHA256.hex(Data(token.utf8)), expires])
            try await AuditLog.record(
                AuditEntry(
                    context, .sessionConnect, resource: "job:" + session.view.id, projectID: session.projectID,
                    outcome: .success, rule: rule, detail: "one-time token issued for \(address)"),
                on: connection)
        }
        return SessionAPI.Connection(
            session: session.view.id, app: session.view.app, address: address, token: token, expiresAt: expires)
    }

    /// Uses up `token` for the session's gateway: it lets exactly one connection in, once, before it expires.
    func redeem(_ token: String, session: Record, context: RequestContext, rule: String) async throws
        -> SessionAPI.Redeemed
    {
        let used = try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE job_sessions SET connect_token_hash = NULL, connect_token_expires_at = NULL
                WHERE job_id = $1::uuid AND connect_token_hash = $2 AND connect_token_expires_at > clock_timestamp()
                RETURNING job_id
                """, [session.view.id, SHA256.hex(Data(token.utf8))])
            let entry = AuditEntry(
                context, .sessionConnect, resource: "job:" + session.view.id, projectID: session.projectID,
                outcome: rows.isEmpty ? .denied : .success, rule: rows.isEmpty ? "session.token" : rule,
                detail: rows.isEmpty
                    ? "a connection presented a token that is unknown, used or expired"
                    : "connection opened for \(session.view.requestedBy)")
            try await AuditLog.record(entry, on: connection)
            return !rows.isEmpty
        }
        guard used else {
            throw HTTPError.forbidden(
                "the connection token is unknown, used or expired; run `haven session connect` again for a new one")
        }
        return SessionAPI.Redeemed(user: session.view.requestedBy)
    }
}
