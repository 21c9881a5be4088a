/// The job state machine: given a state and an event, the next state or a refusal.
///
/// Pure: no I/O. Callers store the returned state together with the event's audit record.
public enum JobLifecycle {
    /// A transition that the machine does not allow.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var from: JobState
        public var event: JobEvent

        public var description: String {
            "a job that is \(from.rawValue) cannot take the event \(event.name)"
        }
    }

    /// The state after `event` happens to a job in `state`.
    public static func next(_ state: JobState, on event: JobEvent) throws(Refusal) -> JobState {
        switch (state, event) {
        case (.queued, .placed): return .placed
        case (.placed, .started): return .running
        case (.placed, .failed), (.running, .failed): return .failed
        case (.running, .succeeded): return .succeeded
        case (.queued, .cancelled), (.placed, .cancelled), (.running, .cancelled): return .cancelled
        default: throw Refusal(from: state, event: event)
        }
    }
}

extension JobEvent {
    /// A short name for messages.
    public var name: String {
        switch self {
        case .placed: return "placed"
        case .started: return "started"
        case .succeeded: return "succeeded"
        case .failed: return "failed"
        case .cancelled: return "cancelled"
        }
    }
}
