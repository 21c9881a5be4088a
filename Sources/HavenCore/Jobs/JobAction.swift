/// What the caller of the job state machine must do to carry out a transition.
public enum JobAction: Sendable, Equatable {
    /// Give the placed attempt a job token scoped to its inputs, outputs and secrets.
    case issueToken
    /// Revoke the job's tokens: the attempt no longer runs.
    case revokeToken
    /// Stop the runner process (and the scheduler's job) of the attempt.
    case stopRunner
    /// Move the attempt's outputs from its attempt-scoped place to the job's output place.
    case publishOutputs(attempt: Int)
    /// Delete what the attempt wrote in its attempt-scoped place.
    case discardOutputs(attempt: Int)
    /// Queue the job's next attempt for placement.
    case enqueueAttempt(Int)
}
