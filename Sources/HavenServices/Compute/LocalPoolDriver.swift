import Foundation
import HavenCore
import HavenLogging
import PostgresClient
import Synchronization

/// Places queued jobs of `local` pools on this machine: claims one with `FOR UPDATE SKIP LOCKED`, gives it a job
/// token and GPU devices of its own, and starts `haven job run` for it. Woken by NOTIFY on submission, when a
/// runner's exit frees GPUs, and once a second in case a wake-up was missed.
final class LocalPoolDriver: Sendable {
    let pool: PostgresPool
    let configuration: ServerConfiguration
    let serverURL: String
    let logger: Logger
    /// The runner processes started here and still running, by ``runnerKey(_:attempt:)``.
    private let runners = Mutex<[String: Process]>([:])
    /// Set when the driver stops: its runners are ended with it, and their jobs are failed at the next start.
    private let stopping = Atomic<Bool>(false)
    /// The highest queue sequence claimed per pool; claims scan above it (see ``PlacementQueue``).
    private let watermarks = Mutex<[String: Int64]>([:])
    /// The GPU devices local runners hold, by ``runnerKey(_:attempt:)``; a runner's are freed when it exits.
    private let gpus: Mutex<GPUAssignments>
    /// Wake-ups of the placing loop; one pending wake-up stands for any number.
    private let wakes = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))

    init(pool: PostgresPool, configuration: ServerConfiguration, serverURL: String, logger: Logger) {
        self.pool = pool
        self.configuration = configuration
        self.serverURL = serverURL
        self.logger = logger.named("haven.pool.local")
        gpus = Mutex(GPUAssignments(devices: configuration.localGPUDevices ?? LocalDevices.gpuIndices()))
    }

    /// Runners and GPU devices belong to one attempt: a new attempt of a job may start before the runner of the
    /// last one has exited.
    static func runnerKey(_ jobID: String, attempt: Int) -> String {
        jobID + "#\(attempt)"
    }

    /// Places jobs until the task is cancelled; a lost database connection is retried, never fatal.
    func run() async throws {
        defer { stopRunners() }
        try await failJobsOfAnEarlierRun()
        let (wakes, wake) = self.wakes
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                try await listen(JobStore.queuedChannel) { _ in wake.yield() }
            }
            group.addTask { [self] in
                try await listen(JobStore.cancelledChannel) { jobID in stopRunner(of: jobID) }
            }
            group.addTask { [self] in
                while !Task.isCancelled {
                    rescanFromStart()
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

    /// Stops the runners of a cancelled job, when they run here.
    private func stopRunner(of jobID: String) {
        let processes = runners.withLock { $0.filter { $0.key.hasPrefix(jobID + "#") }.values }
        for process in processes { process.terminate() }
        if !processes.isEmpty { logger.info("job runner stopped for a cancelled job", [.jobID: jobID]) }
    }

    /// Ends every runner this server started, as the server stops: none outlives it to use GPUs or data unseen.
    private func stopRunners() {
        stopping.store(true, ordering: .relaxed)
        for process in runners.withLock({ Array($0.values) }) where process.isRunning { process.terminate() }
    }

    /// Fails the local jobs a previous server left placed or running: their runners died with it. One server
    /// serves a Haven home at a time (``HomeLock``), so every such job here is an orphan.
    private func failJobsOfAnEarlierRun() async throws {
        let rows = try await pool.query(
            """
            SELECT j.id::text AS id FROM jobs j JOIN node_pools n ON n.id = j.pool_id
            WHERE n.driver = 'local' AND j.state IN ('placed', 'running', 'stalled')
            """)
        let store = JobStore(pool: pool)
        for row in rows {
            let job = try await store.job(id: try row.decode("id"))
            try await store.failIfLive(
                job, reason: "the server stopped while the job ran; submit it again", actor: "pool:" + job.pool)
            logger.notice("orphaned job failed", [.jobID: job.id])
        }
    }

    /// Claims and starts jobs until none is waiting, every local pool is full, or the next GPU job waits for
    /// GPUs; jobs that need more GPUs than this machine hands out at all are failed.
    func placeQueuedJobs() async throws {
        let inventory = gpus.withLock { $0.devices.count }
        let device = inventory > 0 ? "gpu" : "cpu"
        let message = device == "cpu" ? "placed on this machine; it has no GPU, so the job runs on CPU" : "placed"
        let queue = PlacementQueue(pool: pool)
        let pools = try await pool.query("SELECT id::text AS id, name FROM node_pools WHERE driver = 'local'")
        for row in pools {
            let poolID: String = try row.decode("id")
            let actor = "pool:" + (try row.decode("name", as: String.self))
            try await failJobsWiderThanThisMachine(poolID: poolID, inventory: inventory, actor: actor)
            var watermark = watermarks.withLock { $0[poolID] ?? 0 }
            while true {
                let free = gpus.withLock { $0.free.count }
                let claim = try await queue.claim(
                    poolID: poolID, after: watermark, limit: 32, placedBy: actor, device: device, message: message,
                    freeGPUs: free)
                guard let highest = claim.highestSequence else { break }
                watermark = highest
                watermarks.withLock { $0[poolID] = highest }
                for placement in claim.placements { try await start(placement) }
            }
        }
    }

    /// Scans every pool's queue from its start on the next pass, for attempts whose submission committed after
    /// a later one had already been claimed.
    private func rescanFromStart() {
        watermarks.withLock { $0.removeAll() }
    }

    /// Gives a placed attempt its job token and GPU devices, and starts its runner.
    private func start(_ placement: Placement) async throws {
        let token = try await pool.withConnection { connection in
            try await TokenIssuer.issue(
                on: connection, userID: placement.submittedBy, jobID: placement.jobID, label: "job token")
        }
        let job = try await JobStore(pool: pool).job(id: placement.jobID)
        let key = Self.runnerKey(job.id, attempt: placement.attempt)
        // The claim placed no more GPUs than were free, and only this task assigns them.
        guard let devices = gpus.withLock({ $0.assign(job.gpus, to: key) }) else {
            let reason = "this machine had fewer free GPUs than the \(job.gpus) the job was placed with"
            try await JobStore(pool: pool).failIfLive(
                job, attempt: placement.attempt, reason: reason, actor: "pool:" + job.pool)
            return
        }
        launch(job, attempt: placement.attempt, token: token, devices: devices)
    }

    /// Starts the runner process; when it exits, its GPUs are freed and a job it left live is failed so that
    /// nothing hangs.
    private func launch(_ job: JobAPI.View, attempt: Int, token: String, devices: [Int]) {
        let work = configuration.workRoot.appending(path: job.id)
        let process = Process()
        process.executableURL = configuration.runnerExecutable
        process.arguments = ["job", "run", job.id]
        process.environment = runnerEnvironment(token: token, work: work, devices: devices)

        let key = Self.runnerKey(job.id, attempt: attempt)
        do {
            let handle = try RunnerLog.attach(process, work: work)
            process.terminationHandler = { [self] finished in
                try? handle.close()
                let status = finished.terminationStatus
                Task { await runnerExited(job, attempt: attempt, status: status) }
            }
            runners.withLock { $0[key] = process }
            try process.run()
            logger.info("job runner started", [.jobID: job.id, .runtime: job.runtime])
        } catch {
            logger.error("job runner did not start", [.jobID: job.id, .error: "\(error)"])
            Task { await runnerExited(job, attempt: attempt, status: -1) }
        }
    }

    /// The runner gets what it needs and nothing else: no database URL, no other secrets of the server. It sees
    /// only its own GPU devices (none for a job given no GPU), and checks that before any work.
    private func runnerEnvironment(token: String, work: URL, devices: [Int]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["PATH", "LANG", "TMPDIR", "HAVEN_LOG_LEVEL", "HAVEN_LOG_FORMAT"].reduce(into: [:]) {
            $0[$1] = inherited[$1]
        }
        environment["HOME"] = work.path
        environment["HAVEN_URL"] = serverURL
        environment["HAVEN_TOKEN"] = token
        environment["HAVEN_WORK_DIR"] = work.path
        environment["HAVEN_CA_FILE"] = configuration.tlsCertificatePath
        // A session's gateway listens on this machine's loopback unless the server names an address to reach.
        let nodeAddress = inherited["HAVEN_NODE_ADDRESS"] ?? "127.0.0.1"
        environment["HAVEN_NODE_ADDRESS"] = nodeAddress
        environment["HAVEN_SESSION_BIND"] = inherited["HAVEN_SESSION_BIND"] ?? nodeAddress
        environment["CUDA_VISIBLE_DEVICES"] = GPUAssignments.visibleDevices(devices)
        return environment
    }

    private func runnerExited(_ job: JobAPI.View, attempt: Int, status: Int32) async {
        let key = Self.runnerKey(job.id, attempt: attempt)
        let work = configuration.workRoot.appending(path: job.id)
        // A session whose runner died without ending it (killed, crashed) is ended here, off the shared pool:
        // ending it waits for processes.
        if FileManager.default.fileExists(atPath: work.appending(path: SessionAccount.recordName).path) {
            _ = try? await SessionTunnel.onThread { SessionAccount.endLeftover(in: work) }
        }
        // Staged inputs are copies of project data; they go when the job ends, unless the job's next attempt has
        // a runner here already (it shares the folder). Done under the lock a new runner registers with. The
        // runner's log stays.
        runners.withLock { runners in
            runners.removeValue(forKey: key)
            guard !runners.keys.contains(where: { $0.hasPrefix(job.id + "#") }) else { return }
            for folder in ["inputs", "outputs"] {
                try? FileManager.default.removeItem(at: work.appending(path: folder))
            }
        }
        // Freed GPUs may let a waiting job start: it can sit below the watermark, so scan from the start.
        if !gpus.withLock({ $0.release(key) }).isEmpty {
            rescanFromStart()
            wakes.continuation.yield()
        }
        guard !stopping.load(ordering: .relaxed) else { return }
        let reason = "the job runner exited with status \(status) before reporting an end"
        do {
            try await JobStore(pool: pool).failIfLive(job, attempt: attempt, reason: reason, actor: "pool:" + job.pool)
        } catch {
            logger.error("could not end a job whose runner exited", [.jobID: job.id, .error: "\(error)"])
        }
    }
}
