import Foundation
import HavenCore
import PostgresClient

extension JobStore {
    /// Cancels the live jobs that lost their authority, in `connection`'s transaction: those `userID` submitted
    /// (in `projectID` when given), every live job of `projectID`, or the job `jobID`. Each stop revokes the job's
    /// token, is audited with `rule`, and tells the job's pool to stop its runner once the transaction commits.
    ///
    /// - Returns: the ids of the jobs stopped.
    @discardableResult
    static func stopRevokedJobs(
        userID: String?, projectID: String?, jobID: String? = nil, reason: String, rule: String,
        context: RequestContext, on connection: PostgresConnection
    ) async throws -> [String] {
        let rows = try await connection.query(
            """
            SELECT id::text AS id, project_id::text AS project_id, state FROM jobs
            WHERE state IN ('queued', 'placed', 'running')
              AND ($1::uuid IS NULL OR submitted_by = $1::uuid) AND ($2::uuid IS NULL OR project_id = $2::uuid)
              AND ($3::uuid IS NULL OR id = $3::uuid)
            ORDER BY submitted_at FOR UPDATE
            """, [userID, projectID, jobID])
        var stopped: [String] = []
        for row in rows {
            let jobID: String = try row.decode("id")
            let state = JobState(rawValue: try row.decode("state")) ?? .running
            let next = try JobLifecycle.next(state, on: .cancelled)
            try await connection.execute(
                "UPDATE jobs SET state = $2, message = $3, ended_at = now() WHERE id = $1::uuid",
                [jobID, next.rawValue, "stopped: " + reason])
            try await TokenIssuer.revokeJobTokens(on: connection, jobID: jobID)
            var entry = AuditEntry(
                context, .jobRevoke, resource: "job:" + jobID, projectID: try row.decode("project_id"),
                outcome: .success, rule: rule, detail: "stopped (was \(state.rawValue)): " + reason)
            entry.jobID = jobID
            try await AuditLog.record(entry, on: connection)
            try await connection.execute("SELECT pg_notify($1, $2)", [cancelledChannel, jobID])
            stopped.append(jobID)
        }
        return stopped
    }
}
