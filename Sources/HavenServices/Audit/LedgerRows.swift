import Foundation
import HavenCore
import PostgresClient

/// The SQL that reads ledger entries, and the decoding of its rows into ``HavenCore/AuditEvent``.
enum LedgerRows {
    /// Columns of `audit_events e`, times written exactly as entries are hashed.
    static let eventColumns = """
        to_char(e.time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS time, e.actor,
        e.on_behalf_of::text AS on_behalf_of, e.job_id::text AS job_id, e.project_id::text AS project_id,
        e.action, e.resource, e.outcome, e.rule, e.bytes, e.request_id, e.client_address, e.detail,
        to_char(e.source_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS source_time,
        e.clock_skewed, e.role, e.purpose, e.decision, e.session_id
        """

    /// The entry in `row`, with the given ledger sequence and (once chained) hash.
    static func event(_ row: PostgresRow, sequence: Int64, hash: String?) throws -> AuditEvent {
        AuditEvent(
            sequence: sequence, time: try row.decode("time", as: String.self),
            actor: try row.decode("actor", as: String.self),
            onBehalfOf: try row.decode("on_behalf_of", as: String?.self),
            jobID: try row.decode("job_id", as: String?.self),
            projectID: try row.decode("project_id", as: String?.self),
            action: try row.decode("action", as: String.self), resource: try row.decode("resource", as: String.self),
            outcome: AuditOutcome(rawValue: try row.decode("outcome", as: String.self)) ?? .failed,
            rule: try row.decode("rule", as: String?.self), bytes: try row.decode("bytes", as: Int64?.self),
            requestID: try row.decode("request_id", as: String?.self),
            clientAddress: try row.decode("client_address", as: String?.self),
            detail: try row.decode("detail", as: String?.self),
            sourceTime: try row.decode("source_time", as: String?.self),
            clockSkewed: try row.decode("clock_skewed", as: Bool.self), role: try row.decode("role", as: String?.self),
            purpose: try row.decode("purpose", as: String?.self),
            decision: try row.decode("decision", as: String?.self),
            sessionID: try row.decode("session_id", as: String?.self), hash: hash)
    }
}
