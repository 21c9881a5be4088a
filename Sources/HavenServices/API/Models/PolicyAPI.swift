import Foundation
import HavenCore

/// Bodies and views of the policy routes.
public enum PolicyAPI {
    /// The files of a policy folder to apply, or only to compare with the policy in force.
    public struct Apply: Codable, Sendable {
        public var files: [PolicyFile]
        public var dryRun: Bool

        public init(files: [PolicyFile], dryRun: Bool) {
            self.files = files
            self.dryRun = dryRun
        }
    }

    /// What an apply, dry run or rollback did: the version stored (none for a dry run) and who gains and loses.
    public struct Applied: Codable, Sendable {
        public var version: Int?
        public var contentHash: String
        public var diff: PolicyDiff
    }

    public struct Rollback: Codable, Sendable {
        public var version: Int

        public init(version: Int) {
            self.version = version
        }
    }

    /// One stored policy version.
    public struct Version: Codable, Sendable {
        public var version: Int
        public var contentHash: String
        public var appliedBy: String
        public var appliedAt: Date
        public var restores: Int?
        public var active: Bool
    }

    /// A question for `explain`: may this user do this action on this resource, and which rule says so.
    public struct ExplainQuery: Codable, Sendable {
        public var user: String
        public var action: String
        /// `PROJECT`, `PROJECT/DATASET` or `PROJECT/DATASET:PATH`; empty for a platform action.
        public var resource: String
        public var purpose: String?

        public init(user: String, action: String, resource: String, purpose: String? = nil) {
            self.user = user
            self.action = action
            self.resource = resource
            self.purpose = purpose
        }
    }

    public struct Explanation: Codable, Sendable {
        public var version: Int?
        public var allowed: Bool
        public var rule: String
        public var reason: String
        public var verdicts: [RuleVerdict]
    }
}
