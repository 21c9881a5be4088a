import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension JobStore {
    /// Applies a runner's report through the job state machine; progress is also the runner's heartbeat.
    func apply(_ report: JobAPI.Report, to job: JobAPI.View, context: RequestContext, rule: String) async throws
        -> JobAPI.View
    {
        let event: JobEvent =
            switch report.kind {
            case .started: .started
            case .progress: .heartbeat
            case .succeeded: .succeeded
            case .failed: .failed(reason: report.message ?? "the runner reported a failure")
            }
        try await pool.transaction { connection in
            let transition = try await Self.transition(job.id, event, report: report, on: connection)
            if case .heartbeat = event {
                try await connection.execute(
                    """
                    UPDATE jobs SET progress = $2, message = coalesce($3, message), last_report_at = clock_timestamp()
                    WHERE id = $1::uuid
                    """,
                    [job.id, min(max(report.progress ?? 0, 0), 1), report.message])
                if let idle = report.idleSeconds {
                    try await SessionStore.noteActivity(jobID: job.id, idleSeconds: idle, on: connection)
                }
                guard transition.endedAttempt == nil else { return }
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .jobReport, resource: "job:" + job.id, projectID: job.projectID, outcome: .success,
                    rule: rule, detail: transition.state.rawValue),
                on: connection)
        }
        return try await self.job(id: job.id)
    }

    /// Cancels a live job for `context`'s principal, revokes its token, and tells its pool to stop the runner.
    func cancel(_ job: JobAPI.View, context: RequestContext, rule: String) async throws -> JobAPI.View {
        try await pool.transaction { connection in
            let report = JobAPI.Report(kind: .failed, message: "cancelled by " + context.actor)
            let was = try await Self.lockedState(job.id, on: connection)
            _ = try await Self.transition(job.id, .cancelled, report: report, on: connection)
            try await AuditLog.record(
                AuditEntry(
                    context, .jobCancel, resource: "job:" + job.id, projectID: job.projectID, outcome: .success,
                    rule: rule, detail: "was " + was.rawValue),
                on: connection)
        }
        return try await self.job(id: job.id)
    }

    /// Ends a job whose runner stopped without a final report; does nothing to a job already ended, nor, when
    /// `attempt` is given, to a job that has moved on to another attempt.
    func failIfLive(_ job: JobAPI.View, attempt: Int? = nil, reason: String, actor: String) async throws {
        try await end(job, with: .failed(reason: reason), attempt: attempt, reason: reason, actor: actor)
    }

    /// Applies an event that the system, not a user, saw happen (a lost node, a stall, a time limit) to a live
    /// job, and audits it under `actor`; does nothing to a job already ended, nor, when `attempt` is given, to a
    /// job whose current attempt is another.
    func end(_ job: JobAPI.View, with event: JobEvent, attempt: Int? = nil, reason: String, actor: String)
        async throws
    {
        try await pool.transaction { connection in
            let lifecycle = try await Self.lockedLifecycle(job.id, on: connection).lifecycle
            guard !lifecycle.state.isFinal, attempt ?? lifecycle.attempt == lifecycle.attempt else { return }
            let report = JobAPI.Report(kind: .failed, message: reason)
            let transition = try await Self.transition(job.id, event, report: report, on: connection)
            try await AuditLog.record(
                .system(
                    actor, .jobReport, job: job, outcome: .failed, detail: transition.state.rawValue + ": " + reason),
                on: connection)
        }
    }

    static func lockedState(_ jobID: String, on connection: PostgresConnection) async throws -> JobState {
        try await Self.lockedLifecycle(jobID, on: connection).lifecycle.state
    }

    /// The job's stored state machine and pool, with the job's row locked until the transaction ends.
    static func lockedLifecycle(_ jobID: String, on connection: PostgresConnection) async throws
        -> (lifecycle: JobLifecycle, poolID: String)
    {
        let rows = try await connection.query(
            """
            SELECT state, attempt, retries_used, max_retries, pool_id::text AS pool_id
            FROM jobs WHERE id = $1::uuid FOR UPDATE
            """, [jobID])
        guard let row = rows.first, let state = JobState(rawValue: try row.decode("state")) else {
            throw HTTPError.notFound("no job `\(jobID)`")
        }
        let lifecycle = JobLifecycle(
            state: state, attempt: try row.decode("attempt"), retriesUsed: try row.decode("retries_used"),
            retryPolicy: RetryPolicy(maxRetries: try row.decode("max_retries")))
        return (lifecycle, try row.decode("pool_id"))
    }

    /// Runs `event` through the job's state machine, stores the result and carries out its actions.
    static func transition(
        _ jobID: String, _ event: JobEvent, report: JobAPI.Report, on connection: PostgresConnection
    )
        async throws -> JobTransition
    {
        var (lifecycle, poolID) = try await Self.lockedLifecycle(jobID, on: connection)
        let transition: JobTransition
        do {
            transition = try lifecycle.handle(event)
        } catch {
            throw HTTPError.conflict("job \(jobID): \(error.description)")
        }
        try await Self.store(lifecycle, jobID: jobID, report: report, on: connection)
        if event == .started {
            try await connection.execute(
                """
                UPDATE job_attempts SET started_at = clock_timestamp(), devices = $3
                WHERE job_id = $1::uuid AND attempt = $2
                """, [jobID, transition.attempt, report.devices])
            // A session's new attempt has a new gateway, and its idle time starts over.
            try await connection.execute(
                "UPDATE job_sessions SET address = NULL, last_activity_at = clock_timestamp() WHERE job_id = $1::uuid",
                [jobID])
        }
        if let ended = transition.endedAttempt {
            try await AttemptLedger.end(ended, jobID: jobID, poolID: poolID, on: connection)
        }
        for action in transition.actions {
            try await Self.perform(action, jobID: jobID, poolID: poolID, on: connection)
        }
        return transition
    }

    private static func perform(_ action: JobAction, jobID: String, poolID: String, on connection: PostgresConnection)
        async throws
    {
        switch action {
        case .issueToken:
            break  // The pool driver that placed the attempt issues the token it hands to the runner.
        case .revokeToken:
            try await TokenIssuer.revokeJobTokens(on: connection, jobID: jobID)
        case .stopRunner:
            try await connection.execute("SELECT pg_notify($1, $2)", [Self.cancelledChannel, jobID])
        case .enqueueAttempt(let attempt):
            try await PlacementQueue.enqueue(jobID: jobID, attempt: attempt, poolID: poolID, on: connection)
        case .publishOutputs(let attempt):
            try await AttemptOutputs.publish(jobID: jobID, attempt: attempt, on: connection)
        case .discardOutputs(let attempt):
            try await AttemptOutputs.discard(jobID: jobID, attempt: attempt, on: connection)
        }
    }

    private static func store(
        _ lifecycle: JobLifecycle, jobID: String, report: JobAPI.Report, on connection: PostgresConnection
    )
        async throws
    {
        let result = try report.result.map(ObjectStore.json)
        try await connection.execute(
            """
            UPDATE jobs SET state = $2, attempt = $5, retries_used = $6, last_report_at = clock_timestamp(),
                message = COALESCE($3, message),
                result = COALESCE($4::jsonb, result),
                progress = CASE WHEN $2 = 'succeeded' THEN 1 ELSE progress END,
                started_at = CASE WHEN $2 = 'running' AND started_at IS NULL THEN now() ELSE started_at END,
                ended_at = CASE WHEN $2 IN ('succeeded', 'failed', 'cancelled', 'timed_out', 'lost') THEN now()
                           ELSE ended_at END
            WHERE id = $1::uuid
            """,
            [jobID, lifecycle.state.rawValue, report.message, result, lifecycle.attempt, lifecycle.retriesUsed])
    }
}
