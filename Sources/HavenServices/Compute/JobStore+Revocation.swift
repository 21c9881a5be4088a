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
            WHERE state IN ('queued', 'admitted', 'placed', 'running', 'stalled')
              AND ($1::uuid IS NULL OR submitted_by = $1::uuid) AND ($2::uuid IS NULL OR project_id = $2::uuid)
              AND ($3::uuid IS NULL OR id = $3::uuid)
            ORDER BY submitted_at FOR UPDATE
            """, [userID, projectID, jobID])
        var stopped: [String] = []
        for row in rows {
            let jobID: String = try row.decode("id")
            let state = JobState(rawValue: try row.decode("state")) ?? .running
            // The state machine ends the attempt, frees its pool room, revokes its token and stops its runner.
            let report = JobAPI.Report(kind: .failed, message: "stopped: " + reason)
            _ = try await transition(jobID, .cancelled, report: report, on: connection)
            var entry = AuditEntry(
                context, .jobRevoke, resource: "job:" + jobID, projectID: try row.decode("project_id"),
                outcome: .success, rule: rule, detail: "stopped (was \(state.rawValue)): " + reason)
            entry.jobID = jobID
            try await AuditLog.record(entry, on: connection)
            stopped.append(jobID)
        }
        return stopped
    }
}
