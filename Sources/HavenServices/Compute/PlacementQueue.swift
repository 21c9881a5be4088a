import PostgresClient

/// The placement queue in PostgreSQL: admitted attempts wait in `job_queue` until a claim places a batch of
/// them, in one statement that deletes their queue rows (`FOR UPDATE SKIP LOCKED`, so replicas never wait for
/// each other's rows), records each attempt in `job_attempts` (whose key refuses a second placement), marks the
/// jobs placed, counts them into the pool's load and audits every placement.
struct PlacementQueue: Sendable {
    let pool: PostgresPool

    /// What one claim took from the queue: the attempts it placed, and the highest queue sequence it removed
    /// (placed, or dropped because the job had moved on, e.g. cancelled while waiting).
    struct Claim: Sendable {
        var placements: [Placement]
        var highestSequence: Int64?
    }

    /// Queues attempt `attempt` of `jobID` on `poolID` and wakes the pool drivers, inside the caller's transaction.
    static func enqueue(jobID: String, attempt: Int, poolID: String, on connection: PostgresConnection)
        async throws
    {
        try await connection.execute(
            "INSERT INTO job_queue (pool_id, job_id, attempt) VALUES ($1::uuid, $2::uuid, $3)",
            [poolID, jobID, attempt])
        try await connection.execute("SELECT pg_notify($1, $2)", [JobStore.queuedChannel, poolID])
    }

    /// Places up to `limit` waiting attempts of `poolID` whose queue sequence is above `watermark`, oldest
    /// first, never more than the pool's free room.
    /// - Parameters:
    ///   - placedBy: the audit actor, `pool:NAME`.
    ///   - device: what the attempts run on, for the job's view.
    ///   - node: the agent node the attempts go to, when the pool has nodes.
    ///   - freeGPUs: the GPUs free where the attempts go, when the caller hands out devices itself: attempts
    ///     that need GPUs are placed oldest first while their GPUs fit, and wait behind the first that does not;
    ///     attempts that need none are placed past it. `nil` counts no GPUs (Slurm counts its own).
    func claim(
        poolID: String, after watermark: Int64, limit: Int, placedBy: String, device: String, message: String,
        node: String? = nil, freeGPUs: Int? = nil
    ) async throws -> Claim {
        let parameters: [any PostgresBindable] = [poolID, watermark, limit, placedBy, device, message, node]
        let rows =
            if let freeGPUs {
                try await pool.query(Self.claimWithinGPUsSQL, parameters + [freeGPUs])
            } else {
                try await pool.query(Self.claimSQL, parameters)
            }
        var claim = Claim(placements: [], highestSequence: nil)
        for row in rows {
            let sequence: Int64 = try row.decode("sequence")
            claim.highestSequence = max(claim.highestSequence ?? sequence, sequence)
            guard let jobID: String = try row.decode("job_id") else { continue }
            claim.placements.append(
                Placement(
                    jobID: jobID, attempt: try row.decode("attempt"), projectID: try row.decode("project_id"),
                    submittedBy: try row.decode("submitted_by")))
        }
        return claim
    }

    /// One statement, so one round trip per batch. The batch size bounds the candidates with a constant limit:
    /// with only the pool's room (a subquery) as the limit, the planner guessed a tenth of the queue and, once a
    /// backlog built up, scanned `job_queue` and `jobs` whole for every claim (0.7 s each at 350,000 waiting).
    /// The pool's load row is locked first, which keeps `live` within `max_concurrent_jobs`; a claim that finds
    /// it locked by another replica's claim takes nothing and returns at once instead of waiting (that replica was
    /// woken by the same notification and claims again after it). Queue rows are then taken with SKIP LOCKED.
    /// The jobs are updated only while still admitted on that attempt (the update waits for and re-checks a row
    /// that a cancel is changing), so a job cancelled meanwhile is dropped, not placed; each job row is written
    /// once, with no separate row lock before.
    static let claimSQL = claimSQL(
        taking: """
            SELECT sequence FROM (
                    SELECT q.sequence FROM job_queue q
                    WHERE q.pool_id = $1::uuid AND q.sequence > $2::bigint
                    ORDER BY q.sequence
                    LIMIT $3::int
                    FOR UPDATE SKIP LOCKED) candidates
                ORDER BY sequence
                LIMIT coalesce((SELECT free FROM room), 0)
            """)

    /// The claim with a GPU budget (`$8`): of the oldest 256 waiting attempts it can lock, those that need no GPU
    /// and those whose GPUs, added to the GPUs of every older attempt that needs some, stay within the budget.
    /// An attempt whose job moved on (cancelled while waiting) counts no GPUs, so that it is taken and dropped.
    static let claimWithinGPUsSQL = claimSQL(
        taking: """
            SELECT sequence FROM (
                    SELECT sequence, gpus, sum(gpus) OVER (ORDER BY sequence) AS needed FROM (
                        SELECT q.sequence,
                               CASE WHEN j.state = 'admitted' AND j.attempt = q.attempt THEN j.gpus ELSE 0 END
                                   AS gpus
                        FROM job_queue q JOIN jobs j ON j.id = q.job_id
                        WHERE q.pool_id = $1::uuid AND q.sequence > $2::bigint
                        ORDER BY q.sequence
                        LIMIT 256
                        FOR UPDATE OF q SKIP LOCKED) candidates) fitting
                WHERE gpus = 0 OR needed <= $8::int
                ORDER BY sequence
                LIMIT coalesce((SELECT free FROM room), 0)
            """)

    /// The claim statement around `selection`, the query of the queue sequences to take.
    private static func claimSQL(taking selection: String) -> String {
        """
        WITH room AS (
            SELECT greatest(least($3::int, n.max_concurrent_jobs - l.live), 0) AS free
            FROM pool_load l JOIN node_pools n ON n.id = l.pool_id
            WHERE l.pool_id = $1::uuid
            FOR UPDATE OF l SKIP LOCKED
        ), taken AS (
            DELETE FROM job_queue WHERE sequence IN (
                \(selection))
            RETURNING sequence, job_id, attempt, enqueued_at
        ), placed AS (
            UPDATE jobs j SET state = 'placed', device = $5, message = $6
            FROM taken t WHERE j.id = t.job_id AND j.attempt = t.attempt AND j.state = 'admitted'
            RETURNING j.id, j.attempt, j.project_id, j.submitted_by, j.gpus, t.enqueued_at
        ), attempts AS (
            INSERT INTO job_attempts (job_id, attempt, pool_id, placed_by, node, gpus, enqueued_at)
            SELECT p.id, p.attempt, $1::uuid, $4, $7::text, p.gpus, p.enqueued_at FROM placed p
        ), load AS (
            UPDATE pool_load SET live = live + (SELECT count(*) FROM placed)
            WHERE pool_id = $1::uuid AND EXISTS (SELECT 1 FROM placed)
        ), audited AS (
            INSERT INTO audit_events (actor, on_behalf_of, job_id, project_id, action, resource, outcome, detail)
            SELECT $4, p.submitted_by, p.id, p.project_id, 'job.place', 'job:' || p.id, 'success',
                   'attempt ' || p.attempt || ' on ' || $5
            FROM placed p
        )
        SELECT t.sequence, p.id::text AS job_id, p.attempt, p.project_id::text AS project_id,
               p.submitted_by::text AS submitted_by
        FROM taken t LEFT JOIN placed p ON p.id = t.job_id
        """
    }
}
