import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension SessionStore {
    /// Moves a live session's end `hours` later, when the requester asks and the project's limits allow it.
    func extend(
        _ session: Record, by hours: Double, quota: ProjectQuota, context: RequestContext, rule: String
    ) async throws -> SessionAPI.View {
        guard context.principal.responsibleUserID == session.requestedByID else {
            throw HTTPError.forbidden(
                "session \(session.view.id) belongs to \(session.view.requestedBy); only they may extend it")
        }
        guard hours > 0, hours <= Double(JobAPI.longestHours) else {
            throw HTTPError.badRequest(
                "field `hours` is \(hours); extend by more than 0 and at most \(JobAPI.longestHours) hours")
        }
        let refusal: String? = try await pool.transaction { connection in
            let state = try await JobStore.lockedState(session.view.id, on: connection)
            guard !state.isFinal else {
                throw HTTPError.conflict(
                    "session \(session.view.id) has ended (\(state.rawValue)); start a new session")
            }
            // Read under the job's row lock: concurrent extensions each see the hours the one before granted.
            let granted: Double = try await connection.query(
                "SELECT time_limit_hours FROM jobs WHERE id = $1::uuid", [session.view.id])[0].decode(
                    "time_limit_hours")
            let room = Double(JobAPI.longestHours) - granted
            guard hours <= room else {
                let has =
                    "session \(session.view.id) has \(granted.formatted()) h and a session lasts at most"
                    + " \(JobAPI.longestHours) h in all"
                throw HTTPError.badRequest(
                    room > 0
                        ? has + "; extend by at most \(room.formatted()) h" : has + ": it cannot be extended further")
            }
            try await connection.execute("SELECT 1 FROM projects WHERE id = $1::uuid FOR UPDATE", [session.projectID])
            let usage = try await UsageLedger.projectUsage(projectID: session.projectID, on: connection)
            if let refusal = QuotaAdmission.extensionRefusal(
                gpus: session.view.gpus, hours: granted, extra: hours, usage: usage, quota: quota)
            {
                return refusal
            }
            try await connection.execute(
                """
                UPDATE jobs SET time_limit_hours = time_limit_hours + $2 WHERE id = $1::uuid
                """, [session.view.id, hours])
            try await connection.execute(
                "UPDATE job_sessions SET extended_hours = extended_hours + $2 WHERE job_id = $1::uuid",
                [session.view.id, hours])
            try await AuditLog.record(
                AuditEntry(
                    context, .sessionExtend, resource: "job:" + session.view.id, projectID: session.projectID,
                    outcome: .success, rule: rule,
                    detail: "extended by \(hours) h to \(granted + hours) h"),
                on: connection)
            return nil
        }
        if let refusal {
            try await AuditLog.record(
                AuditEntry(
                    context, .sessionExtend, resource: "job:" + session.view.id, projectID: session.projectID,
                    outcome: .denied, rule: "quota", detail: refusal),
                in: pool)
            throw HTTPError.forbidden("project \(session.view.project) refused the extension by quota: " + refusal)
        }
        return try await self.session(id: session.view.id).view
    }
}
