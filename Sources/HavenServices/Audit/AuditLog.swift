import Foundation
import HavenCore
import PostgresClient

/// Writes and reads the access log. An audited action writes its entry on the action's own connection,
/// inside its transaction, so that both commit or neither does.
enum AuditLog {
    static func record(_ entry: AuditEntry, on connection: PostgresConnection) async throws {
        try await connection.execute(
            """
            INSERT INTO audit_events (actor, on_behalf_of, job_id, project_id, action, resource, outcome, rule, bytes,
                                      request_id, client_address, detail)
            VALUES ($1, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7, $8, $9, $10, $11, $12)
            """,
            [
                entry.actor, entry.onBehalfOf, entry.jobID, entry.projectID, entry.action.rawValue, entry.resource,
                entry.outcome.rawValue, entry.rule, entry.bytes, entry.requestID, entry.clientAddress, entry.detail,
            ])
    }

    /// Records an entry in a transaction of its own, for attempts that change nothing else (denials, reads).
    static func record(_ entry: AuditEntry, in pool: PostgresPool) async throws {
        try await pool.withConnection { connection in try await record(entry, on: connection) }
    }

    /// The project's entries in sequence order.
    static func events(projectID: String, in pool: PostgresPool) async throws -> [AuditEvent] {
        let rows = try await pool.query(
            """
            SELECT sequence, to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS time, actor,
                   on_behalf_of::text AS on_behalf_of, job_id::text AS job_id, project_id::text AS project_id,
                   action, resource, outcome, rule, bytes, request_id, client_address, detail
            FROM audit_events WHERE project_id = $1::uuid ORDER BY sequence
            """, [projectID])
        return try rows.map { row in
            AuditEvent(
                sequence: try row.decode("sequence", as: Int64.self), time: try row.decode("time", as: String.self),
                actor: try row.decode("actor", as: String.self),
                onBehalfOf: try row.decode("on_behalf_of", as: String?.self),
                jobID: try row.decode("job_id", as: String?.self),
                projectID: try row.decode("project_id", as: String?.self),
                action: try row.decode("action", as: String.self),
                resource: try row.decode("resource", as: String.self),
                outcome: AuditOutcome(rawValue: try row.decode("outcome", as: String.self)) ?? .failed,
                rule: try row.decode("rule", as: String?.self), bytes: try row.decode("bytes", as: Int64?.self),
                requestID: try row.decode("request_id", as: String?.self),
                clientAddress: try row.decode("client_address", as: String?.self),
                detail: try row.decode("detail", as: String?.self))
        }
    }
}
