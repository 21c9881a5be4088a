import Foundation

/// The messages between `haven agent` and the server: join tokens, joining, heartbeats.
public enum AgentAPI {
    /// A single-use token that lets one machine join a pool, shown once.
    public struct JoinToken: Codable, Sendable {
        public var pool: String
        public var token: String
        public var expiresAt: Date
    }

    /// One GPU as the node sees it.
    public struct GPU: Codable, Sendable, Equatable {
        public var index: Int
        public var model: String
        public var memoryMiB: Int

        public init(index: Int, model: String, memoryMiB: Int) {
            self.index = index
            self.model = model
            self.memoryMiB = memoryMiB
        }
    }

    public struct Join: Codable, Sendable {
        public var joinToken: String
        public var name: String
        public var gpus: [GPU]
        /// How long the node may stay silent before it is marked lost; 30 s by default, 1 to 600 s.
        public var leaseSeconds: Double?

        public init(joinToken: String, name: String, gpus: [GPU], leaseSeconds: Double? = nil) {
            self.joinToken = joinToken
            self.name = name
            self.gpus = gpus
            self.leaseSeconds = leaseSeconds
        }
    }

    public struct Joined: Codable, Sendable {
        public var nodeID: String
        public var pool: String
        /// The node's own credential for every later call, shown once.
        public var credential: String
        public var leaseSeconds: Double
    }

    public struct Heartbeat: Codable, Sendable {
        public var gpus: [GPU]
        /// The one-minute load average.
        public var load: Double
        /// The jobs whose runners this node still runs.
        public var running: [String]

        public init(gpus: [GPU], load: Double, running: [String]) {
            self.gpus = gpus
            self.load = load
            self.running = running
        }
    }

    /// An attempt placed on the node, with the job token its runner gets.
    public struct Assignment: Codable, Sendable {
        public var jobID: String
        public var attempt: Int
        public var token: String
        /// How many of the node's GPUs the runner gets; the agent picks which, from those it has free.
        public var gpus: Int
    }

    public struct Orders: Codable, Sendable {
        public var assignments: [Assignment]
        /// Jobs whose runners must stop here: cancelled, ended, or moved to another attempt.
        public var stop: [String]
    }
}
