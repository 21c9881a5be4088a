/// How one attempt of a job ended; the job itself may go on with a new attempt.
public enum AttemptEnd: String, Sendable, Codable, CaseIterable {
    case succeeded
    case failed
    case cancelled
    case timedOut = "timed_out"
    case lost
    case preempted
    case requeued

    /// Whether the attempt's outputs are published; every other end discards them.
    public var publishesOutputs: Bool { self == .succeeded }
}
