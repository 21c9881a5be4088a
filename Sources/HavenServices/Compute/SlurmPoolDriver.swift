import Foundation
import HavenCore
import HavenLogging
import PostgresClient

/// Runs attempts of `slurm` pools as Slurm batch jobs through slurmrestd: each placed attempt becomes one Slurm
/// job running `haven job run` with GPUs requested as GRES; Slurm's states are mirrored onto the attempt, a
/// requeue or preemption becomes a new attempt of the same Haven job, and a cancelled job's Slurm job is cancelled.
final class SlurmPoolDriver: Sendable {
    let pool: PostgresPool
    let configuration: SlurmConfiguration
    let serverURL: String
    let runner: URL
    let logger: Logger

    init(pool: PostgresPool, configuration: SlurmConfiguration, serverURL: String, runner: URL, logger: Logger) {
        self.pool = pool
        self.configuration = configuration
        self.serverURL = serverURL
        self.runner = runner
        self.logger = logger.named("haven.pool.slurm")
    }

    /// Places and watches until the task is cancelled.
    func run() async throws {
        let slurm = try await SlurmREST.connect(socketPath: configuration.socketPath)
        logger.info("slurm pools connected", [.address: configuration.socketPath])
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                for try await notification in try await pool.listen(JobStore.cancelledChannel) {
                    try? await cancelSlurmJob(of: notification.payload, slurm)
                }
            }
            group.addTask { [self] in
                while !Task.isCancelled {
                    do {
                        try await placeQueued(slurm)
                        try await watch(slurm)
                    } catch is CancellationError {
                        return
                    } catch {
                        logger.warning("slurm pool pass failed; retrying", [.error: "\(error)"])
                    }
                    try await Task.sleep(for: configuration.pollInterval)
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Claims waiting attempts of every slurm pool and submits each as a Slurm job.
    func placeQueued(_ slurm: SlurmREST) async throws {
        let pools = try await pool.query(
            "SELECT id::text AS id, name, gpu_model, slurm_partition FROM node_pools WHERE driver = 'slurm'")
        for row in pools {
            let name: String = try row.decode("name")
            let claim = try await PlacementQueue(pool: pool).claim(
                poolID: try row.decode("id"), after: 0, limit: 16, placedBy: "pool:" + name, device: "gpu",
                message: "placed on Slurm")
            for placement in claim.placements {
                try await submit(
                    placement, gpuModel: try row.decode("gpu_model"), partition: try row.decode("slurm_partition"),
                    slurm)
            }
        }
    }

    private func submit(_ placement: Placement, gpuModel: String?, partition: String?, _ slurm: SlurmREST)
        async throws
    {
        let store = JobStore(pool: pool)
        let job = try await store.job(id: placement.jobID)
        do {
            let token = try await pool.withConnection { connection in
                try await TokenIssuer.issue(
                    on: connection, userID: placement.submittedBy, jobID: placement.jobID, label: "job token")
            }
            let slurmID = try await slurm.submit(
                submission(job, attempt: placement.attempt, token: token, gpuModel: gpuModel, partition: partition))
            try await pool.execute(
                "UPDATE job_attempts SET external_id = $3 WHERE job_id = $1::uuid AND attempt = $2",
                [placement.jobID, placement.attempt, slurmID])
            logger.info("slurm job submitted", [.jobID: job.id, .count: "\(slurmID)"])
        } catch {
            try await store.failIfLive(job, reason: "Slurm did not take the job: \(error)", actor: "pool:" + job.pool)
        }
    }

    /// The v0.0.38 submission: the runner with the job token in its environment, GPUs as GRES. The Slurm job is
    /// requeueable, so that preemption (PreemptMode=REQUEUE) and `scontrol requeue` put it back in Slurm's queue,
    /// which ``watch(_:)`` reads as the end of the attempt.
    func submission(_ job: JobAPI.View, attempt: Int, token: String, gpuModel: String?, partition: String?)
        -> [String: Any]
    {
        let work = configuration.workRoot + "/haven-slurm-\(job.id)-\(attempt)"
        var properties: [String: Any] = [
            "name": "haven-" + job.id.prefix(8), "current_working_directory": configuration.workRoot,
            "requeue": true, "standard_output": work + ".log",
            "environment": [
                "PATH": "/usr/local/bin:/usr/bin:/bin", "HAVEN_URL": serverURL, "HAVEN_TOKEN": token,
                "HAVEN_WORK_DIR": work,
            ],
        ]
        if job.gpus > 0 { properties["gres"] = "gpu:" + (gpuModel.map { $0 + ":" } ?? "") + "\(job.gpus)" }
        if let partition = partition ?? configuration.partition { properties["partition"] = partition }
        // The work folder is in a folder others may write to: one made by someone else, or a link, is refused.
        let script = """
            #!/bin/sh
            mkdir -p -m 700 "$HAVEN_WORK_DIR"
            if [ -L "$HAVEN_WORK_DIR" ] || [ ! -O "$HAVEN_WORK_DIR" ]; then
                echo "haven: the work folder $HAVEN_WORK_DIR belongs to another user; refusing it" >&2; exit 1
            fi
            chmod 700 "$HAVEN_WORK_DIR"
            exec '\(runner.path)' job run \(job.id)

            """
        return ["job": properties, "script": script]
    }

    /// Reads the Slurm state of every live attempt and applies what it means.
    func watch(_ slurm: SlurmREST) async throws {
        let rows = try await pool.query(
            """
            SELECT a.job_id::text AS job_id, a.external_id, a.external_restarts
            FROM job_attempts a JOIN jobs j ON j.id = a.job_id AND j.attempt = a.attempt
            JOIN node_pools n ON n.id = a.pool_id
            WHERE n.driver = 'slurm' AND a.ended_at IS NULL AND a.external_id IS NOT NULL
            """)
        let store = JobStore(pool: pool)
        for row in rows {
            let slurmID: Int = try row.decode("external_id")
            guard let status = try await slurm.status(of: slurmID),
                let event = SlurmStateMapping.event(
                    for: status, submittedRestarts: try row.decode("external_restarts"))
            else { continue }
            let job = try await store.job(id: try row.decode("job_id"))
            // A requeued or preempted Slurm job would run again with the revoked token of the old attempt; the
            // new attempt gets a Slurm job of its own.
            if event == .requeued || event == .preempted { try? await slurm.cancel(slurmID) }
            try await store.end(job, with: event, reason: Self.reason(event, status), actor: "pool:" + job.pool)
        }
    }

    /// What the job's record and audit entry say about the Slurm job's change.
    static func reason(_ event: JobEvent, _ status: SlurmREST.JobStatus) -> String {
        guard event == .requeued else { return "Slurm job \(status.id) is \(status.state)" }
        return "Slurm requeued job \(status.id) (restart \(status.restartCount), after a preemption or"
            + " `scontrol requeue`); the next attempt runs as a Slurm job of its own"
    }

    /// Cancels the Slurm job of `jobID`'s latest attempt, when it has one.
    private func cancelSlurmJob(of jobID: String, _ slurm: SlurmREST) async throws {
        let rows = try await pool.query(
            """
            SELECT a.external_id FROM job_attempts a JOIN node_pools n ON n.id = a.pool_id
            WHERE a.job_id = $1::uuid AND n.driver = 'slurm' AND a.external_id IS NOT NULL
            ORDER BY a.attempt DESC LIMIT 1
            """, [jobID])
        guard let slurmID: Int = try rows.first?.decode("external_id") else { return }
        try await slurm.cancel(slurmID)
        logger.info("slurm job cancelled", [.jobID: jobID])
    }
}
