/// The job state machine: a job's state, its current attempt and retry budget; each event returns the next state
/// and the actions that carry it out, or a refusal.
///
/// Pure: no I/O. Callers store the new state and attempt together with the event's audit record, then perform the
/// actions. Preemption, the scheduler's requeue and retries start a new attempt of the same job, never a new job.
public struct JobLifecycle: Sendable, Equatable {
    public private(set) var state: JobState
    /// The current attempt, counted from 1.
    public private(set) var attempt: Int
    /// Retries used so far by failures and lost nodes.
    public private(set) var retriesUsed: Int
    public let retryPolicy: RetryPolicy

    /// A transition that the machine does not allow.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var from: JobState
        public var event: JobEvent

        public var description: String {
            "a job that is \(from.rawValue) cannot take the event \(event.name)"
        }
    }

    public init(
        state: JobState = .queued, attempt: Int = 1, retriesUsed: Int = 0, retryPolicy: RetryPolicy = RetryPolicy()
    ) {
        self.state = state
        self.attempt = attempt
        self.retriesUsed = retriesUsed
        self.retryPolicy = retryPolicy
    }

    /// The state after `event` happens to a job in `state` that has no retries left.
    public static func next(_ state: JobState, on event: JobEvent) throws(Refusal) -> JobState {
        var machine = JobLifecycle(state: state, retryPolicy: .never)
        return try machine.handle(event).state
    }

    /// Applies `event`, returning the new state and what the caller must do; a refused event changes nothing.
    public mutating func handle(_ event: JobEvent) throws(Refusal) -> JobTransition {
        guard let transition = transition(on: event) else { throw Refusal(from: state, event: event) }
        state = transition.state
        attempt = transition.attempt
        return transition
    }

    private mutating func transition(on event: JobEvent) -> JobTransition? {
        switch state {
        case .queued, .admitted: return waiting(on: event)
        case .placed, .running, .stalled: return live(on: event)
        case .succeeded, .failed, .cancelled, .timedOut, .lost: return nil
        }
    }

    /// Events of a job that has no attempt on a node.
    private func waiting(on event: JobEvent) -> JobTransition? {
        switch (state, event) {
        case (.queued, .admitted): return stay(.admitted)
        case (.queued, .refused): return stay(.failed)
        case (.admitted, .placed): return stay(.placed, [.issueToken])
        case (_, .cancelled): return stay(.cancelled)
        case (_, .failed): return stay(.failed)
        default: return nil
        }
    }

    /// Events of a job whose attempt is on a node.
    private mutating func live(on event: JobEvent) -> JobTransition? {
        switch (state, event) {
        case (.placed, .started), (.running, .heartbeat), (.stalled, .heartbeat): return stay(.running)
        case (.placed, .heartbeat): return stay(.placed)
        case (.running, .stalled): return stay(.stalled)
        case (.running, .succeeded), (.stalled, .succeeded):
            return end(.succeeded, as: .succeeded, [.revokeToken, .publishOutputs(attempt: attempt)])
        case (_, .failed): return endOrRetry(.failed, final: .failed, [])
        case (_, .nodeLost): return endOrRetry(.lost, final: .lost, [])
        case (_, .cancelled): return end(.cancelled, as: .cancelled, stopping)
        case (_, .timedOut): return end(.timedOut, as: .timedOut, stopping)
        case (_, .preempted): return newAttempt(after: .preempted, [.stopRunner])
        case (_, .requeued): return newAttempt(after: .requeued, [])
        default: return nil
        }
    }

    private var stopping: [JobAction] { [.stopRunner, .revokeToken, .discardOutputs(attempt: attempt)] }

    private func stay(_ next: JobState, _ actions: [JobAction] = []) -> JobTransition {
        JobTransition(state: next, attempt: attempt, actions: actions)
    }

    private func end(_ next: JobState, as end: AttemptEnd, _ actions: [JobAction]) -> JobTransition {
        JobTransition(
            state: next, attempt: attempt, endedAttempt: .init(number: attempt, end: end), actions: actions)
    }

    /// Ends the attempt; the job runs again when the retry policy allows, using one retry.
    private mutating func endOrRetry(_ attemptEnd: AttemptEnd, final: JobState, _ extra: [JobAction])
        -> JobTransition
    {
        guard retryPolicy.retries(attemptEnd, used: retriesUsed) else {
            return end(final, as: attemptEnd, extra + [.revokeToken, .discardOutputs(attempt: attempt)])
        }
        retriesUsed += 1
        return newAttempt(after: attemptEnd, extra)
    }

    /// Ends the attempt and queues the next one of the same job, already admitted.
    private func newAttempt(after attemptEnd: AttemptEnd, _ extra: [JobAction]) -> JobTransition {
        let next = attempt + 1
        let actions: [JobAction] = [.revokeToken, .discardOutputs(attempt: attempt), .enqueueAttempt(next)]
        return JobTransition(
            state: .admitted, attempt: next, endedAttempt: .init(number: attempt, end: attemptEnd),
            actions: extra + actions)
    }
}
