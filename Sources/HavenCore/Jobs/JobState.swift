/// Where a job is in its life; succeeded, failed, cancelled, timed out and lost are final.
public enum JobState: String, Sendable, Codable, CaseIterable {
    /// Submitted, waiting for admission by policy and quota.
    case queued
    /// Within its project's quota, waiting for a node; a requeued job's next attempt waits here too.
    case admitted
    /// A node took the current attempt; the runner is staging inputs.
    case placed
    case running
    /// Running, but silent for longer than its stall timeout; a heartbeat brings it back.
    case stalled
    case succeeded
    case failed
    case cancelled
    /// Ran past its time limit and was stopped.
    case timedOut = "timed_out"
    /// Its node went silent past the node's lease and no retry was left.
    case lost

    /// Whether the job has ended; a final state never changes again.
    public var isFinal: Bool {
        switch self {
        case .succeeded, .failed, .cancelled, .timedOut, .lost: return true
        case .queued, .admitted, .placed, .running, .stalled: return false
        }
    }

    /// Whether a job in this state holds a live job token: from placement until the attempt ends.
    public var holdsToken: Bool { self == .placed || self == .running || self == .stalled }
}
