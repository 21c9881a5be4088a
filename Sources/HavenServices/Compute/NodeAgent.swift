import Foundation
import HavenLogging
import Synchronization

/// `haven agent`: joins a pool with a single-use join token, then heartbeats with its node credential, its GPU
/// inventory and load; starts a runner for each attempt the server places on it and stops the ones it is told to.
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

    public init(_ configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger.named("haven.agent")
    }

    /// Joins, then heartbeats until the task is cancelled; fails when the server no longer accepts the node.
    public func run() async throws {
        var gpus = await GPUInventory.query()
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
            if beats % 30 == 29 { gpus = await GPUInventory.query() }
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

    private func stop(_ jobID: String) {
        guard let process = runners.withLock({ $0.removeValue(forKey: jobID) }) else { return }
        process.terminate()
        logger.info("job runner stopped", [.jobID: jobID])
    }

    /// Starts `haven job run` for the assignment with only what it needs in its environment.
    private func launch(_ assignment: AgentAPI.Assignment) {
        let work = configuration.workRoot.appending(path: assignment.jobID)
        let process = Process()
        process.executableURL = configuration.runner
        process.arguments = ["job", "run", assignment.jobID]
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["PATH", "LANG", "TMPDIR", "HAVEN_LOG_LEVEL", "HAVEN_LOG_FORMAT"].reduce(into: [:]) {
            $0[$1] = inherited[$1]
        }
        environment["HOME"] = work.path
        environment["HAVEN_URL"] = configuration.serverURL
        environment["HAVEN_TOKEN"] = assignment.token
        environment["HAVEN_WORK_DIR"] = work.path
        environment["HAVEN_CA_FILE"] = configuration.caFile
        process.environment = environment
        do {
            let handle = try RunnerLog.attach(process, work: work)
            process.terminationHandler = { [self] _ in
                try? handle.close()
                _ = runners.withLock { $0.removeValue(forKey: assignment.jobID) }
            }
            runners.withLock { $0[assignment.jobID] = process }
            try process.run()
            logger.info("job runner started", [.jobID: assignment.jobID])
        } catch {
            _ = runners.withLock { $0.removeValue(forKey: assignment.jobID) }
            logger.error("job runner did not start", [.jobID: assignment.jobID, .error: "\(error)"])
        }
    }
}
