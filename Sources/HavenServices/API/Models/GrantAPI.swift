import Foundation
import HavenCore

/// The messages of `/v1/projects/:project/grants`.
public enum GrantAPI {
    public struct Issue: Codable, Sendable {
        /// Who will use the grant, such as `node:gpu-01`.
        public var principal: String
        /// One object, or with `prefix` the folder whose objects the grant covers.
        public var path: String
        public var prefix: Bool?
        /// `GET`, `PUT` or `DELETE`.
        public var method: DataGrant.Method
        /// How long the grant lasts, in seconds; at most an hour. Default 300.
        public var seconds: Int64?
        public var purpose: String
        public var endpoint: String?

        public init(
            principal: String, path: String, prefix: Bool? = nil, method: DataGrant.Method, seconds: Int64? = nil,
            purpose: String, endpoint: String? = nil
        ) {
            self.principal = principal
            self.path = path
            self.prefix = prefix
            self.method = method
            self.seconds = seconds
            self.purpose = purpose
            self.endpoint = endpoint
        }
    }

    public struct Issued: Codable, Sendable {
        /// Sent as `X-Haven-Grant` instead of a bearer token.
        public var token: String
        public var grant: DataGrant
    }
}
