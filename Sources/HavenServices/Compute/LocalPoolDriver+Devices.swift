import Foundation
import HavenCore
import PostgresClient

extension LocalPoolDriver {
    /// Fails the waiting jobs of local pool `poolID` that need more GPUs than this machine hands out: they would
    /// wait forever, and every GPU job queued behind them with them.
    func failJobsWiderThanThisMachine(poolID: String, inventory: Int, actor: String) async throws {
        let rows = try await pool.query(
            """
            SELECT j.id::text AS id FROM job_queue q JOIN jobs j ON j.id = q.job_id AND j.attempt = q.attempt
            WHERE q.pool_id = $1::uuid AND j.state = 'admitted' AND j.gpus > $2
            """, [poolID, inventory])
        let store = JobStore(pool: pool)
        for row in rows {
            let job = try await store.job(id: try row.decode("id"))
            let reason =
                "the job asks for \(job.gpus) GPU(s) but this machine's local pools have \(inventory) (its"
                + " /dev/nvidiaN, or HAVEN_LOCAL_GPU_DEVICES); ask for at most \(inventory) or use another pool"
            try await store.failIfLive(job, attempt: job.attempt, reason: reason, actor: actor)
            logger.notice("job wider than this machine failed", [.jobID: job.id])
        }
    }
}
