import Foundation

/// What a policy may ask about the project a request concerns.
public struct ProjectFacts: Sendable, Equatable {
    public var id: String
    public var name: String
    public var state: ProjectState
    /// The first moment work may happen, if the project has a start date.
    public var startsAt: Date?
    /// The moment work must stop, if the project has an end date.
    public var endsAt: Date?
    /// The purpose the project was approved for.
    public var purpose: String?

    public init(
        id: String, name: String, state: ProjectState = .active, startsAt: Date? = nil, endsAt: Date? = nil,
        purpose: String? = nil
    ) {
        self.id = id
        self.name = name
        self.state = state
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.purpose = purpose
    }

    /// Whether the project is active and `time` lies within its start and end dates.
    public func isActive(at time: Date) -> Bool {
        guard state == .active else { return false }
        if let startsAt, time < startsAt { return false }
        if let endsAt, time >= endsAt { return false }
        return true
    }
}
