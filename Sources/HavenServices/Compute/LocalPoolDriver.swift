import Foundation
import HavenCore
import HavenLogging
import PostgresClient
import Synchronization

/// Places queued jobs of `local` pools on this machine: claims one with `FOR UPDATE SKIP LOCKED`, gives it a job
/// token, and starts `haven job run` for it. Woken by NOTIFY on submission, and once a second in case one was missed.
final class LocalPoolDriver: Sendable {
    let pool: PostgresPool
    let configuration: ServerConfiguration
    let serverURL: String
    let logger: Logger
    /// The runner processes started here and still running, by job id.
    private let runners = Mutex<[String: Process]>([:])

    init(pool: PostgresPool, configuration: ServerConfiguration, serverURL: String, logger: Logger) {
        self.pool = pool
        self.configuration = configuration
        self.serverURL = serverURL
        self.logger = logger.named("haven.pool.local")
    }

    /// Places jobs until the task is cancelled; a lost database connection is retried, never fatal.
    func run() async throws {
        try await failJobsOfAnEarlierRun()
        let (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                try await listen(JobStore.queuedChannel) { _ in wake.yield() }
            }
            group.addTask { [self] in
                try await listen(JobStore.cancelledChannel) { jobID in stopRunner(of: jobID) }
            }
            group.addTask {
                while !Task.isCancelled {
                    wake.yield()
                    try await Task.sleep(for: .seconds(1))
                }
            }
            group.addTask { [self] in
                for await _ in wakes {
                    do {
                        try await placeQueuedJobs()
                    } catch {
                        logger.warning("placing queued jobs failed; retrying", [.error: "\(error)"])
                    }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Calls `handle` with each notification's payload on `channel`, listening again after a lost connection.
    private func listen(_ channel: String, _ handle: @Sendable (String) -> Void) async throws {
        while !Task.isCancelled {
            do {
                for try await notification in try await pool.listen(channel) { handle(notification.payload) }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("listening for job changes failed; retrying", [.error: "\(error)"])
            }
            try await Task.sleep(for: .seconds(1))
        }
    }

    /// Stops the runner of a cancelled job, when it runs here.
    private func stopRunner(of jobID: String) {
        guard let process = runners.withLock({ $0[jobID] }) else { return }
        process.terminate()
        logger.info("job runner stopped for a cancelled job", [.jobID: jobID])
    }

    /// Fails the local jobs a previous server left placed or running: their runners died with it. One server
    /// serves a Haven home at a time (``HomeLock``), so every such job here is an orphan.
    private func failJobsOfAnEarlierRun() async throws {
        let rows = try await pool.query(
            """
            SELECT j.id::text AS id FROM jobs j JOIN node_pools n ON n.id = j.pool_id
            WHERE n.driver = 'local' AND j.state IN ('placed', 'running')
            """)
        let store = JobStore(pool: pool)
        for row in rows {
            let job = try await store.job(id: try row.decode("id"))
            try await store.failIfLive(
                job, reason: "the server stopped while the job ran; submit it again", actor: "pool:" + job.pool)
            logger.notice("orphaned job failed", [.jobID: job.id])
        }
    }

    /// Claims and starts jobs until none is waiting or every local pool is full.
    func placeQueuedJobs() async throws {
        while let (job, token) = try await claim() {
            launch(job, token: token)
        }
    }

    private func claim() async throws -> (JobAPI.View, String)? {
        let device = LocalDevices.gpuCount() > 0 ? "gpu" : "cpu"
        let message = device == "cpu" ? "placed on this machine; it has no GPU, so the job runs on CPU" : "placed"
        return try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE jobs SET state = 'placed', device = $1, message = $2
                WHERE id = (
                    SELECT j.id FROM jobs j JOIN node_pools n ON n.id = j.pool_id
                    WHERE j.state = 'queued' AND n.driver = 'local'
                      AND (SELECT count(*) FROM jobs r WHERE r.pool_id = n.id AND r.state IN ('placed', 'running'))
                          < n.max_concurrent_jobs
                    ORDER BY j.submitted_at
                    FOR UPDATE OF j SKIP LOCKED
                    LIMIT 1)
                RETURNING id::text AS id, submitted_by::text AS submitted_by
                """, [device, message])
            guard let row = rows.first else { return nil }
            let jobID: String = try row.decode("id")
            let token = try await TokenIssuer.issue(
                on: connection, userID: try row.decode("submitted_by"), jobID: jobID, label: "job token")
            let rowsForView = try await connection.query(JobStore.selectView + " WHERE j.id = $1::uuid", [jobID])
            let job = try JobStore.view(rowsForView[0])
            try await AuditLog.record(
                .system("pool:" + job.pool, .jobPlace, job: job, outcome: .success, detail: "device " + device),
                on: connection)
            return (job, token)
        }
    }

    /// Starts the runner process; when it exits, a job it left live is failed so that nothing hangs.
    private func launch(_ job: JobAPI.View, token: String) {
        let work = configuration.workRoot.appending(path: job.id)
        let process = Process()
        process.executableURL = configuration.runnerExecutable
        process.arguments = ["job", "run", job.id]
        // The runner gets what it needs and nothing else: no database URL, no other secrets of the server.
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["PATH", "LANG", "TMPDIR", "HAVEN_LOG_LEVEL", "HAVEN_LOG_FORMAT"].reduce(into: [:]) {
            $0[$1] = inherited[$1]
        }
        environment["HOME"] = work.path
        environment["HAVEN_URL"] = serverURL
        environment["HAVEN_TOKEN"] = token
        environment["HAVEN_WORK_DIR"] = work.path
        environment["HAVEN_CA_FILE"] = configuration.tlsCertificatePath
        process.environment = environment

        do {
            try FileManager.default.createDirectory(
                at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let log = work.appending(path: "runner.log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let handle = try FileHandle(forWritingTo: log)
            process.standardOutput = handle
            process.standardError = handle
            process.terminationHandler = { [self] finished in
                try? handle.close()
                let status = finished.terminationStatus
                Task { await runnerExited(job, status: status) }
            }
            try process.run()
            runners.withLock { $0[job.id] = process }
            logger.info("job runner started", [.jobID: job.id, .runtime: job.runtime])
        } catch {
            logger.error("job runner did not start", [.jobID: job.id, .error: "\(error)"])
            Task { await runnerExited(job, status: -1) }
        }
    }

    private func runnerExited(_ job: JobAPI.View, status: Int32) async {
        _ = runners.withLock { $0.removeValue(forKey: job.id) }
        // Staged inputs are copies of project data; they go when the job ends. The runner's log stays.
        let work = configuration.workRoot.appending(path: job.id)
        for folder in ["inputs", "outputs"] {
            try? FileManager.default.removeItem(at: work.appending(path: folder))
        }
        let reason = "the job runner exited with status \(status) before reporting an end"
        do {
            try await JobStore(pool: pool).failIfLive(job, reason: reason, actor: "pool:" + job.pool)
        } catch {
            logger.error("could not end a job whose runner exited", [.jobID: job.id, .error: "\(error)"])
        }
    }
}
