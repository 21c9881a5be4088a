import Foundation

/// The messages of `/v1/users`.
public enum UserAPI {
    public struct Create: Codable, Sendable {
        public var name: String
        public var isAdmin: Bool?

        public init(name: String, isAdmin: Bool? = nil) {
            self.name = name
            self.isAdmin = isAdmin
        }
    }

    public struct View: Codable, Sendable {
        public var id: String
        public var name: String
        public var isAdmin: Bool
        public var disabled: Bool
        public var createdAt: Date
    }

    /// A new user with their first API token, which is shown here once and never again.
    public struct Created: Codable, Sendable {
        public var user: View
        public var token: String
    }
}
