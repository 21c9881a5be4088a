/// Something that happened to a job; the state machine decides what it means.
public enum JobEvent: Sendable, Equatable {
    /// Admission by policy and quota accepted the job.
    case admitted
    /// Admission refused the job; the reason names the limit and by how much.
    case refused(reason: String)
    /// A pool took the current attempt and started its runner.
    case placed
    /// The runner finished staging and began work.
    case started
    /// The runner reported progress or a heartbeat.
    case heartbeat
    /// The runner finished and every output was written to the attempt's place.
    case succeeded
    /// The runner, the runtime or the pool failed; the reason is for the user.
    case failed(reason: String)
    /// A user or an admin stopped the job.
    case cancelled
    /// The job ran past its time limit.
    case timedOut
    /// The runner was silent for longer than the stall timeout.
    case stalled
    /// The scheduler took the node back for other work; the job runs again as a new attempt.
    case preempted
    /// The scheduler put the job back in its queue (Slurm's requeue); the job runs again as a new attempt.
    case requeued
    /// The attempt's node was silent past its lease.
    case nodeLost
}

extension JobEvent {
    /// A short name for messages.
    public var name: String {
        switch self {
        case .admitted: return "admitted"
        case .refused: return "refused"
        case .placed: return "placed"
        case .started: return "started"
        case .heartbeat: return "heartbeat"
        case .succeeded: return "succeeded"
        case .failed: return "failed"
        case .cancelled: return "cancelled"
        case .timedOut: return "timed out"
        case .stalled: return "stalled"
        case .preempted: return "preempted"
        case .requeued: return "requeued"
        case .nodeLost: return "node lost"
        }
    }
}
