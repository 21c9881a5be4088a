import Foundation
import HavenCore
import PostgresClient

extension NodeStore {
    /// Records a node's heartbeat (GPU inventory, load), fails attempts whose runner the node no longer runs,
    /// and places waiting attempts on its free slots: one attempt per GPU, or one on a node without GPUs, and
    /// no more GPUs than the node has free besides what its runners hold.
    func heartbeat(_ node: Node, _ body: AgentAPI.Heartbeat) async throws -> AgentAPI.Orders {
        try await pool.execute(
            """
            UPDATE nodes SET last_heartbeat = clock_timestamp(), gpus = $2::jsonb, load = $3
            WHERE id = $1::uuid AND state = 'ready'
            """, [node.id, try ObjectStore.json(body.gpus), body.load])
        let live = try await liveJobs(on: node)
        let running = Set(body.running)
        let store = JobStore(pool: pool)
        for jobID in live.subtracting(running) {
            try await store.failIfLive(
                try await store.job(id: jobID),
                reason: "the runner on node \(node.name) exited before reporting an end",
                actor: "node:" + node.name)
        }
        let free = max(body.gpus.count, 1) - live.intersection(running).count
        var assignments: [AgentAPI.Assignment] = []
        if free > 0 {
            let freeGPUs = body.gpus.count - (try await gpusHeld(by: running))
            let claim = try await PlacementQueue(pool: pool).claim(
                poolID: node.poolID, after: 0, limit: free, placedBy: "node:" + node.name,
                device: body.gpus.isEmpty ? "cpu" : "gpu", message: "placed on node " + node.name, node: node.id,
                freeGPUs: max(freeGPUs, 0))
            for placement in claim.placements {
                let token = try await pool.withConnection { connection in
                    try await TokenIssuer.issue(
                        on: connection, userID: placement.submittedBy, jobID: placement.jobID, label: "job token")
                }
                let gpus = try await JobStore(pool: pool).job(id: placement.jobID).gpus
                assignments.append(
                    .init(jobID: placement.jobID, attempt: placement.attempt, token: token, gpus: gpus))
            }
        }
        return AgentAPI.Orders(assignments: assignments, stop: Array(running.subtracting(live)).sorted())
    }

    /// The GPUs of the jobs whose runners a node reports: the agent frees a runner's devices only when the
    /// runner has exited, whether or not its attempt has ended.
    func gpusHeld(by running: Set<String>) async throws -> Int {
        let ids = running.filter { UUID(uuidString: $0) != nil }.sorted()
        guard !ids.isEmpty else { return 0 }
        let rows = try await pool.query(
            "SELECT coalesce(sum(gpus), 0)::int AS gpus FROM jobs WHERE id = ANY($1::text[]::uuid[])", [ids])
        return try rows[0].decode("gpus")
    }

    /// The jobs whose current attempt is live on `node`.
    func liveJobs(on node: Node) async throws -> Set<String> {
        let rows = try await pool.query(
            """
            SELECT a.job_id::text AS job_id FROM job_attempts a JOIN jobs j ON j.id = a.job_id AND j.attempt = a.attempt
            WHERE a.node = $1 AND a.ended_at IS NULL
            """, [node.id])
        return Set(try rows.map { try $0.decode("job_id", as: String.self) })
    }
}
