import Foundation

/// How Haven reaches a Slurm cluster for its `slurm` pools.
public struct SlurmConfiguration: Sendable {
    /// slurmrestd's Unix socket.
    public var socketPath: String
    /// The partition jobs go to; the cluster's default when `nil`.
    public var partition: String?
    /// The folder on the cluster's nodes under which each attempt's work folder is made.
    public var workRoot: String = "/tmp"
    /// How often live attempts' Slurm states are read.
    public var pollInterval: Duration = .milliseconds(500)

    public init(socketPath: String, partition: String? = nil) {
        self.socketPath = socketPath
        self.partition = partition
    }
}
