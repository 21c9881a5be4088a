import Foundation

/// Bodies and views of `/v1/tokens`.
public enum TokenAPI {
    /// A new token: for the caller, or for `user` (platform admins); optional expiry and scopes.
    public struct Create: Codable, Sendable {
        public var label: String
        public var user: String?
        public var expiresInHours: Double?
        /// Actions with wildcards, such as `data.read` or `job.*`; none gives the user's full authority.
        public var scopes: [String]?

        public init(label: String, user: String? = nil, expiresInHours: Double? = nil, scopes: [String]? = nil) {
            self.label = label
            self.user = user
            self.expiresInHours = expiresInHours
            self.scopes = scopes
        }
    }

    /// A token's record; the secret itself is never stored and never shown again.
    public struct View: Codable, Sendable {
        public var id: String
        public var user: String
        public var label: String
        public var jobID: String?
        public var scopes: [String]
        public var createdAt: Date
        public var expiresAt: Date?
        public var revokedAt: Date?
    }

    /// A new token with its secret, shown this once.
    public struct Created: Codable, Sendable {
        public var token: View
        public var secret: String
    }
}
