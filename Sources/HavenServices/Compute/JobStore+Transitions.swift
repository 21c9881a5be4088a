import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension JobStore {
    /// Applies a runner's report through the job state machine; a final state revokes the job's tokens.
    func apply(_ report: JobAPI.Report, to job: JobAPI.View, context: RequestContext, rule: String) async throws
        -> JobAPI.View
    {
        let jobID = job.id
        let event: JobEvent? =
            switch report.kind {
            case .started: .started
            case .progress: nil
            case .succeeded: .succeeded
            case .failed: .failed(reason: report.message ?? "the runner reported a failure")
            }
        try await pool.transaction { connection in
            let state = try await lockedState(jobID, on: connection)
            guard let event else {
                guard state == .running else {
                    throw HTTPError.conflict("job \(jobID) is \(state.rawValue); progress is reported while running")
                }
                try await connection.execute(
                    "UPDATE jobs SET progress = $2, message = $3 WHERE id = $1::uuid",
                    [jobID, min(max(report.progress ?? 0, 0), 1), report.message ?? ""])
                return
            }
            let next = try transition(state, event, jobID: jobID)
            try await store(next, jobID: jobID, report: report, on: connection)
            try await AuditLog.record(
                AuditEntry(
                    context, .jobReport, resource: "job:" + jobID, projectID: job.projectID, outcome: .success,
                    rule: rule,
                    detail: next.rawValue),
                on: connection)
        }
        return try await self.job(id: jobID)
    }

    /// Cancels a live job for `context`'s principal, revokes its token, and tells its pool to stop the runner.
    func cancel(_ job: JobAPI.View, context: RequestContext, rule: String) async throws -> JobAPI.View {
        try await pool.transaction { connection in
            let state = try await lockedState(job.id, on: connection)
            let next = try transition(state, .cancelled, jobID: job.id)
            let report = JobAPI.Report(kind: .failed, message: "cancelled by " + context.actor)
            try await store(next, jobID: job.id, report: report, on: connection)
            try await AuditLog.record(
                AuditEntry(
                    context, .jobCancel, resource: "job:" + job.id, projectID: job.projectID, outcome: .success,
                    rule: rule, detail: "was " + state.rawValue),
                on: connection)
            try await connection.execute("SELECT pg_notify($1, $2)", [Self.cancelledChannel, job.id])
        }
        return try await self.job(id: job.id)
    }

    /// Ends a job whose runner stopped without a final report; does nothing to a job already ended.
    func failIfLive(_ job: JobAPI.View, reason: String, actor: String) async throws {
        try await pool.transaction { connection in
            let state = try await lockedState(job.id, on: connection)
            guard !state.isFinal else { return }
            let report = JobAPI.Report(kind: .failed, message: reason)
            try await store(
                try transition(state, .failed(reason: reason), jobID: job.id), jobID: job.id, report: report,
                on: connection)
            try await AuditLog.record(
                .system(actor, .jobReport, job: job, outcome: .failed, detail: reason), on: connection)
        }
    }

    func lockedState(_ jobID: String, on connection: PostgresConnection) async throws -> JobState {
        let rows = try await connection.query("SELECT state FROM jobs WHERE id = $1::uuid FOR UPDATE", [jobID])
        guard let row = rows.first, let state = JobState(rawValue: try row.decode("state")) else {
            throw HTTPError.notFound("no job `\(jobID)`")
        }
        return state
    }

    private func transition(_ state: JobState, _ event: JobEvent, jobID: String) throws -> JobState {
        do {
            return try JobLifecycle.next(state, on: event)
        } catch {
            throw HTTPError.conflict("job \(jobID): \(error.description)")
        }
    }

    private func store(_ state: JobState, jobID: String, report: JobAPI.Report, on connection: PostgresConnection)
        async throws
    {
        let result = try report.result.map(ObjectStore.json)
        try await connection.execute(
            """
            UPDATE jobs SET state = $2,
                message = COALESCE($3, message),
                result = COALESCE($4::jsonb, result),
                progress = CASE WHEN $2 = 'succeeded' THEN 1 ELSE progress END,
                started_at = CASE WHEN $2 = 'running' THEN now() ELSE started_at END,
                ended_at = CASE WHEN $2 IN ('succeeded', 'failed', 'cancelled') THEN now() ELSE ended_at END
            WHERE id = $1::uuid
            """, [jobID, state.rawValue, report.message, result])
        if state.isFinal {
            try await TokenIssuer.revokeJobTokens(on: connection, jobID: jobID)
        }
    }
}
