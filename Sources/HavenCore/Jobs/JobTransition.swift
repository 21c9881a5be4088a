/// The outcome of one event: the job's new state, the attempt that ended (if one did), and what to do.
public struct JobTransition: Sendable, Equatable {
    public var state: JobState
    /// The attempt the job is on after the event.
    public var attempt: Int
    /// The attempt that this event ended, with how it ended.
    public var endedAttempt: EndedAttempt?
    public var actions: [JobAction]

    /// One attempt's number and end.
    public struct EndedAttempt: Sendable, Equatable {
        public var number: Int
        public var end: AttemptEnd

        public init(number: Int, end: AttemptEnd) {
            self.number = number
            self.end = end
        }
    }

    public init(state: JobState, attempt: Int, endedAttempt: EndedAttempt? = nil, actions: [JobAction] = []) {
        self.state = state
        self.attempt = attempt
        self.endedAttempt = endedAttempt
        self.actions = actions
    }
}
