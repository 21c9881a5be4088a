import Foundation
import HavenCore
import PostgresClient

/// Writes the audit ledger's entries. An audited action writes its entry on the action's own connection, inside
/// its transaction, so that both commit or neither does; a failed write fails the action. The chainer gives
/// entries their ledger sequence and hash after they commit (see ``LedgerChainer``).
enum AuditLog {
    /// How far a source's reported time may stray from the server's before the entry is flagged.
    static let allowedClockSkew: Double = 5

    /// Inserts `entry` on `connection`, into `audit_events` unless `table` names an unchained copy of its shape
    /// (benchmarks compare the two).
    static func record(
        _ entry: AuditEntry, on connection: PostgresConnection, table: String = "audit_events"
    ) async throws {
        // The table name cannot be a parameter; it is one of Haven's own names, checked here.
        precondition(table.allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "_") })
        try await connection.execute(
            """
            INSERT INTO \(table) (actor, on_behalf_of, job_id, project_id, action, resource, outcome, rule, bytes,
                                      request_id, client_address, detail, source_time, clock_skewed, role, purpose,
                                      decision, session_id)
            VALUES ($1, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7, $8, $9, $10, $11, $12, $13,
                    coalesce(abs(extract(epoch FROM clock_timestamp() - $13::timestamptz)) > $14, false),
                    $15, $16, $17, $18)
            """,
            [
                entry.actor, entry.onBehalfOf, entry.jobID, entry.projectID, entry.action.rawValue, entry.resource,
                entry.outcome.rawValue, entry.rule, entry.bytes, entry.requestID, entry.clientAddress, entry.detail,
                entry.sourceTime, allowedClockSkew, entry.role, entry.purpose, entry.decision, entry.sessionID,
            ])
    }

    /// Records an entry in a transaction of its own, for attempts that change nothing else (denials, reads).
    static func record(_ entry: AuditEntry, in pool: PostgresPool) async throws {
        try await pool.withConnection { connection in try await record(entry, on: connection) }
    }
}
