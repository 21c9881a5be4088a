import HavenCore
import PostgresClient

/// The record of a job's attempts in `job_attempts`, and the pool load they count toward.
enum AttemptLedger {
    /// Records how an attempt ended and frees its room in the pool, waking the pool's drivers to fill it; an
    /// attempt never placed has no row.
    static func end(
        _ ended: JobTransition.EndedAttempt, jobID: String, poolID: String, on connection: PostgresConnection
    ) async throws {
        let count = try await connection.execute(
            """
            UPDATE job_attempts SET ended_at = clock_timestamp(), outcome = $3
            WHERE job_id = $1::uuid AND attempt = $2 AND ended_at IS NULL
            """, [jobID, ended.number, ended.end.rawValue])
        guard count == 1 else { return }
        try await connection.execute(
            "UPDATE pool_load SET live = greatest(live - 1, 0) WHERE pool_id = $1::uuid", [poolID])
        try await connection.execute("SELECT pg_notify($1, $2)", [JobStore.queuedChannel, poolID])
    }
}
