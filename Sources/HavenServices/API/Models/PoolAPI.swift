import Foundation

/// The messages of `/v1/pools`.
public enum PoolAPI {
    /// The `maxConcurrentJobs` of a pool without a limit of its own (agent and Slurm pools, by default).
    public static let noJobLimit = Int(Int32.max)

    public struct Create: Codable, Sendable {
        public var name: String
        public var driver: String?
        public var gpuModel: String?
        public var gpusPerNode: Int?
        public var maxConcurrentJobs: Int?
        /// The Slurm partition of a `slurm` pool; the cluster's default when absent.
        public var partition: String?

        public init(name: String, driver: String? = nil, gpuModel: String? = nil, gpusPerNode: Int? = nil) {
            self.name = name
            self.driver = driver
            self.gpuModel = gpuModel
            self.gpusPerNode = gpusPerNode
        }
    }

    public struct View: Codable, Sendable {
        public var id: String
        public var name: String
        public var driver: String
        public var gpuModel: String?
        public var gpusPerNode: Int
        public var maxConcurrentJobs: Int
        /// Whether the pool limits how many jobs run at once.
        public var limitsJobs: Bool { maxConcurrentJobs < PoolAPI.noJobLimit }
        /// What the pool's jobs run on here: `gpu`, or `cpu` when this machine has no GPU.
        public var device: String
    }
}
