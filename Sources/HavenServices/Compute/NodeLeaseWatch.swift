import Foundation
import HavenCore
import HavenLogging
import PostgresClient

/// Marks agent nodes lost when they stay silent past their lease, and ends their live attempts as lost, which
/// the job's retry policy turns into a new attempt on another node or a lost job. Every replica runs one; the
/// marking `UPDATE` hands each node to exactly one of them.
struct NodeLeaseWatch: Sendable {
    let pool: PostgresPool
    let logger: Logger
    /// How often leases are checked.
    var interval: Duration = .seconds(1)

    func run() async throws {
        while !Task.isCancelled {
            do {
                try await markSilentNodesLost()
                try await endAttemptsOnLostNodes()
            } catch is CancellationError {
                return
            } catch {
                logger.warning("checking node leases failed; retrying", [.error: "\(error)"])
            }
            try await Task.sleep(for: interval)
        }
    }

    func markSilentNodesLost() async throws {
        try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE nodes SET state = 'lost'
                WHERE state = 'ready' AND last_heartbeat < clock_timestamp() - make_interval(secs => lease_seconds)
                RETURNING id::text AS id, name, lease_seconds
                """)
            for row in rows {
                let name: String = try row.decode("name")
                let lease: Double = try row.decode("lease_seconds")
                try await AuditLog.record(
                    .node(
                        "node:" + name, .nodeLost, nodeID: try row.decode("id"),
                        detail: "silent for more than its lease of \(lease) s"),
                    on: connection)
            }
        }
    }

    /// Ends every live attempt on a lost node; also picks up attempts a replica left when it stopped between
    /// marking the node and ending them.
    func endAttemptsOnLostNodes() async throws {
        let rows = try await pool.query(
            """
            SELECT a.job_id::text AS job_id, d.name, d.lease_seconds
            FROM job_attempts a
            JOIN nodes d ON d.id::text = a.node AND d.state = 'lost'
            JOIN jobs j ON j.id = a.job_id AND j.attempt = a.attempt
            WHERE a.ended_at IS NULL AND j.state IN ('placed', 'running', 'stalled')
            """)
        let store = JobStore(pool: pool)
        for row in rows {
            let name: String = try row.decode("name")
            let lease: Double = try row.decode("lease_seconds")
            let job = try await store.job(id: try row.decode("job_id"))
            try await store.end(
                job, with: .nodeLost, reason: "node \(name) was silent for more than its lease of \(lease) s",
                actor: "node:" + name)
            logger.notice("attempt on a lost node ended", [.jobID: job.id])
        }
    }
}
