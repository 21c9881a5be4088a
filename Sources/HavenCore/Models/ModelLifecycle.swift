/// The model version state machine: candidate → deployed → retired, and candidate → retired.
///
/// Pure: no I/O. Callers store the returned state together with the event's audit record.
public enum ModelLifecycle {
    /// A transition that the machine does not allow.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var from: ModelState
        public var event: ModelEvent

        public init(from: ModelState, event: ModelEvent) {
            self.from = from
            self.event = event
        }

        public var description: String {
            switch (from, event) {
            case (.deployed, .promote):
                "the model version is already deployed"
            case (.retired, _):
                "a retired model version cannot be \(event == .promote ? "promoted" : "retired") again; "
                    + "register a new version instead"
            default:
                "a model version that is \(from.rawValue) cannot take the event \(event.rawValue)"
            }
        }
    }

    /// The state after `event` happens to a model version in `state`.
    public static func next(_ state: ModelState, on event: ModelEvent) throws(Refusal) -> ModelState {
        switch (state, event) {
        case (.candidate, .promote): return .deployed
        case (.candidate, .retire), (.deployed, .retire): return .retired
        default: throw Refusal(from: state, event: event)
        }
    }
}
