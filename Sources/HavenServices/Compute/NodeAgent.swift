import Foundation
import HavenCore
import HavenLogging
import Synchronization

/// `haven agent`: joins a pool with a single-use join token, then heartbeats with its node credential, its GPU
/// inventory and load; starts a runner for each attempt the server places on it, with GPU devices of its own in
/// `CUDA_VISIBLE_DEVICES`, and stops the ones it is told to.
public final class NodeAgent: Sendable {
    public struct Configuration: Sendable {
        public var serverURL: String
        public var joinToken: String
        public var name: String
        /// Where each job's work folder is made.
        public var workRoot: URL
        /// The `haven` binary that runs jobs (`haven job run JOB`).
        public var runner: URL
        public var heartbeatInterval: Duration = .seconds(1)
        /// How long the server waits for a heartbeat before it marks this node lost.
        public var leaseSeconds: Double = 30
        public var caFile: String?
        /// The GPU indices runners may be given; `nil` (the default) takes every GPU `nvidia-smi` lists. An index
        /// `nvidia-smi` does not list is reported as a GPU of model `declared`: a stand-in on a machine without.
        public var gpuDevices: [Int]?

        public init(serverURL: String, joinToken: String, name: String, workRoot: URL, runner: URL) {
            self.serverURL = serverURL
            self.joinToken = joinToken
            self.name = name
            self.workRoot = workRoot
            self.runner = runner
        }
    }

    let configuration: Configuration
    let logger: Logger
    /// The runner processes started here and still running, by job id.
    private let runners = Mutex<[String: Process]>([:])
    /// The GPU devices runners hold, by job id and attempt (a new attempt may start before the last one's runner
    /// has exited). A runner's are freed before it leaves ``runners``, so that the runners a heartbeat reports
    /// hold every device that is not free.
    private let devices = Mutex(GPUAssignments(devices: []))

    public init(_ configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger.named("haven.agent")
    }

    /// The GPUs this agent reports and hands out: `nvidia-smi`'s, or those of ``Configuration/gpuDevices``.
    func inventory() async -> [AgentAPI.GPU] {
        let listed = await GPUInventory.query()
        guard let chosen = configuration.gpuDevices else { return listed }
        return GPUAssignments(devices: chosen).devices.map { index in
            listed.first { $0.index == index } ?? AgentAPI.GPU(index: index, model: "declared", memoryMiB: 0)
        }
    }

    /// Joins, then heartbeats until the task is cancelled; fails when the server no longer accepts the node.
    public func run() async throws {
        var gpus = await inventory()
        devices.withLock { $0 = GPUAssignments(devices: gpus.map(\.index)) }
        let anonymous = HavenClient(
            baseURL: configuration.serverURL, token: nil, caCertificatePath: configuration.caFile)
        let joined: AgentAPI.Joined = try await anonymous.post(
            "/v1/agents/join",
            AgentAPI.Join(
                joinToken: configuration.joinToken, name: configuration.name, gpus: gpus,
                leaseSeconds: configuration.leaseSeconds))
        logger.info("node joined", [.nodePool: joined.pool, .count: "\(gpus.count)"])
        let client = anonymous.with(token: joined.credential)
        var beats = 0
        while !Task.isCancelled {
            // Devices are handed out from the inventory at joining; a later query only updates what is reported.
            if beats % 30 == 29 {
                let handedOut = Set(devices.withLock { $0.devices })
                gpus = await inventory().filter { handedOut.contains($0.index) }
            }
            beats += 1
            do {
                let running = runners.withLock { Array($0.keys) }
                let orders: AgentAPI.Orders = try await client.post(
                    "/v1/agents/heartbeat", AgentAPI.Heartbeat(gpus: gpus, load: GPUInventory.load(), running: running))
                for jobID in orders.stop { stop(jobID) }
                for assignment in orders.assignments { launch(assignment) }
            } catch let error as HavenClientError where error.status == 401 {
                throw error
            } catch {
                logger.warning("heartbeat failed; retrying", [.error: "\(error)"])
            }
            try await Task.sleep(for: configuration.heartbeatInterval)
        }
    }

    /// Stops a runner; it stays among the running, holding its GPUs, until it has exited.
    private func stop(_ jobID: String) {
        guard let process = runners.withLock({ $0[jobID] }) else { return }
        process.terminate()
        logger.info("job runner stopped", [.jobID: jobID])
    }

    /// Starts `haven job run` for the assignment with only what it needs in its environment; an assignment that
    /// wants more GPUs than are free here is not started, and the server fails it on the next heartbeat.
    private func launch(_ assignment: AgentAPI.Assignment) {
        let key = assignment.jobID + "#\(assignment.attempt)"
        guard let given = devices.withLock({ $0.assign(assignment.gpus, to: key) }) else {
            logger.error(
                "job runner not started: too few free GPUs", [.jobID: assignment.jobID, .count: "\(assignment.gpus)"])
            return
        }
        let work = configuration.workRoot.appending(path: assignment.jobID)
        let process = Process()
        process.executableURL = configuration.runner
        process.arguments = ["job", "run", assignment.jobID]
        process.environment = environment(assignment, work: work, devices: given)
        do {
            let handle = try RunnerLog.attach(process, work: work)
            process.terminationHandler = { [self] finished in
                try? handle.close()
                exited(finished, jobID: assignment.jobID, devicesKey: key)
            }
            runners.withLock { $0[assignment.jobID] = process }
            try process.run()
            logger.info("job runner started", [.jobID: assignment.jobID, .count: "\(given.count)"])
        } catch {
            exited(process, jobID: assignment.jobID, devicesKey: key)
            logger.error("job runner did not start", [.jobID: assignment.jobID, .error: "\(error)"])
        }
    }

    /// What a runner gets and nothing else: its job token, work folder and GPU devices (none given, none seen).
    private func environment(_ assignment: AgentAPI.Assignment, work: URL, devices: [Int]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        let passed = [
            "PATH", "LANG", "TMPDIR", "HAVEN_LOG_LEVEL", "HAVEN_LOG_FORMAT", "HAVEN_NODE_ADDRESS", "HAVEN_SESSION_BIND",
        ]
        var environment = passed.reduce(into: [:]) { $0[$1] = inherited[$1] }
        environment["HOME"] = work.path
        environment["HAVEN_URL"] = configuration.serverURL
        environment["HAVEN_TOKEN"] = assignment.token
        environment["HAVEN_WORK_DIR"] = work.path
        environment["HAVEN_CA_FILE"] = configuration.caFile
        environment["CUDA_VISIBLE_DEVICES"] = GPUAssignments.visibleDevices(devices)
        return environment
    }

    /// Frees the GPUs of a runner that has exited (or never started) and ends a session it left running, then
    /// forgets it.
    private func exited(_ process: Process, jobID: String, devicesKey: String) {
        SessionAccount.endLeftover(in: configuration.workRoot.appending(path: jobID))
        devices.withLock { _ = $0.release(devicesKey) }
        runners.withLock { if $0[jobID] === process { $0.removeValue(forKey: jobID) } }
    }
}
