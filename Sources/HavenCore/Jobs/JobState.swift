/// Where a job is in its life; the last three are final.
public enum JobState: String, Sendable, Codable, CaseIterable {
    case queued
    case placed
    case running
    case succeeded
    case failed
    case cancelled

    /// Whether the job has ended; a final state never changes again.
    public var isFinal: Bool {
        switch self {
        case .succeeded, .failed, .cancelled: return true
        case .queued, .placed, .running: return false
        }
    }

    /// Whether a job in this state holds a live job token.
    public var holdsToken: Bool { self == .placed || self == .running }
}
