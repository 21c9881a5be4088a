import Foundation
import HTTPServer
import HavenCore
import HavenLogging
import PostgresClient

/// Watches live attempts for the limits nobody reports: a job past its time limit is timed out (its runner
/// stopped), a running job silent for longer than the stall timeout is marked stalled, to run again on its next
/// heartbeat or to be cancelled, and an interactive session idle past its idle limit is ended. Every replica runs
/// one; the job row lock makes each change happen once.
struct AttemptWatch: Sendable {
    let pool: PostgresPool
    let stallTimeout: Duration
    let logger: Logger
    var interval: Duration = .seconds(1)

    func run() async throws {
        while !Task.isCancelled {
            do {
                try await endOverdue()
                try await markStalled()
                try await endIdleSessions()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("checking job time limits failed; retrying", [.error: "\(error)"])
            }
            try await Task.sleep(for: interval)
        }
    }

    /// Times out jobs whose current attempt has run longer than the job's time limit.
    func endOverdue() async throws {
        let rows = try await pool.query(
            """
            SELECT j.id::text AS id, j.time_limit_hours, j.kind FROM jobs j
            JOIN job_attempts a ON a.job_id = j.id AND a.attempt = j.attempt
            WHERE j.state IN ('placed', 'running', 'stalled') AND j.time_limit_hours IS NOT NULL
              AND a.placed_at + make_interval(secs => j.time_limit_hours * 3600) < clock_timestamp()
            """)
        for row in rows {
            let hours: Double = try row.decode("time_limit_hours")
            let reason =
                try row.decode("kind", as: String.self) == JobKind.session.rawValue
                ? "the session reached its end time after \(hours) h"
                : "ran past its time limit of \(hours) h"
            try await end(try row.decode("id"), .timedOut, reason: reason)
        }
    }

    /// Marks running jobs stalled when their runner has been silent for longer than the stall timeout.
    func markStalled() async throws {
        let seconds = Double(stallTimeout.components.seconds) + Double(stallTimeout.components.attoseconds) / 1e18
        let rows = try await pool.query(
            """
            SELECT id::text AS id FROM jobs
            WHERE state = 'running' AND last_report_at < clock_timestamp() - make_interval(secs => $1)
            """, [seconds])
        for row in rows {
            try await end(try row.decode("id"), .stalled, reason: "silent for more than \(seconds) s")
        }
    }

    /// Ends running sessions whose gateway has carried no byte for longer than the session's idle limit.
    func endIdleSessions() async throws {
        let rows = try await pool.query(
            """
            SELECT j.id::text AS id, s.idle_minutes FROM jobs j JOIN job_sessions s ON s.job_id = j.id
            WHERE j.state IN ('running', 'stalled')
              AND coalesce(s.last_activity_at, j.started_at)
                  < clock_timestamp() - make_interval(secs => s.idle_minutes * 60)
            """)
        for row in rows {
            let minutes: Double = try row.decode("idle_minutes")
            try await end(try row.decode("id"), .cancelled, reason: "the session was idle for more than \(minutes) min")
        }
    }

    private func end(_ jobID: String, _ event: JobEvent, reason: String) async throws {
        let store = JobStore(pool: pool)
        let job = try await store.job(id: jobID)
        do {
            try await store.end(job, with: event, reason: reason, actor: "haven:watch")
            logger.notice("job changed by its watch", [.jobID: jobID, .reason: reason])
        } catch let error as HTTPError where error.status == 409 {
            // The job moved on (a report or another replica) between the read and the change.
        }
    }
}
