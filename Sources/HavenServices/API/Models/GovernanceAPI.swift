import Foundation
import HavenCore

/// Bodies and views of the governance routes: user status, project lifecycle, groups.
public enum GovernanceAPI {
    /// A change of a project's lifecycle; fields left out keep their value.
    public struct Lifecycle: Codable, Sendable {
        public var state: ProjectState?
        public var startsAt: Date?
        public var endsAt: Date?
        public var purpose: String?

        public init(state: ProjectState? = nil, startsAt: Date? = nil, endsAt: Date? = nil, purpose: String? = nil) {
            self.state = state
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.purpose = purpose
        }
    }

    /// What a revocation did: the jobs it stopped.
    public struct Revoked: Codable, Sendable {
        public var subject: String
        public var stoppedJobs: [String]
    }

    public struct Group: Codable, Sendable {
        public var name: String

        public init(name: String) {
            self.name = name
        }
    }

    public struct GroupMember: Codable, Sendable {
        public var user: String

        public init(user: String) {
            self.user = user
        }
    }
}
