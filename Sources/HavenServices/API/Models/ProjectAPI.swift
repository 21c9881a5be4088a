import Foundation
import HavenCore

/// The messages of `/v1/projects` and their members and storage endpoints.
public enum ProjectAPI {
    public struct Create: Codable, Sendable {
        public var name: String
        public var description: String?

        public init(name: String, description: String? = nil) {
            self.name = name
            self.description = description
        }
    }

    public struct View: Codable, Sendable {
        public var id: String
        public var name: String
        public var description: String
        public var createdAt: Date
    }

    public struct AddMember: Codable, Sendable {
        public var user: String
        public var role: ProjectRole

        public init(user: String, role: ProjectRole) {
            self.user = user
            self.role = role
        }
    }

    public struct Member: Codable, Sendable {
        public var user: String
        public var role: ProjectRole
    }

    public struct CreateStorage: Codable, Sendable {
        public var name: String
        public var kind: String?
        /// A folder on the server; by default one under Haven's data folder.
        public var path: String?
        /// How sensitive the data is, for policy conditions, such as `identifiable`; `pseudonymised` by default.
        public var classification: String?

        public init(name: String, kind: String? = nil, path: String? = nil, classification: String? = nil) {
            self.name = name
            self.kind = kind
            self.path = path
            self.classification = classification
        }
    }

    public struct Storage: Codable, Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var path: String
    }
}
