/// Something that happened to a job; the state machine decides what it means.
public enum JobEvent: Sendable, Equatable {
    /// A pool took the job and started its runner.
    case placed
    /// The runner began work.
    case started
    /// The runner finished and every output was written.
    case succeeded
    /// The runner, the runtime or the pool failed; the reason is for the user.
    case failed(reason: String)
    /// A user or an admin stopped the job.
    case cancelled
}
