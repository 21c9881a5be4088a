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
        /// For kind `s3`: the bucket's location and the key pair, which is sealed and never returned.
        public var s3: S3?

        public init(
            name: String, kind: String? = nil, path: String? = nil, classification: String? = nil, s3: S3? = nil
        ) {
            self.name = name
            self.kind = kind
            self.path = path
            self.classification = classification
            self.s3 = s3
        }
    }

    /// An S3-compatible bucket, addressed path-style.
    public struct S3: Codable, Sendable {
        /// The service's base URL, such as `https://s3.eu-west-1.amazonaws.com`.
        public var url: String
        public var bucket: String
        /// Default `us-east-1`.
        public var region: String?
        /// Prepended to every object path; default empty.
        public var prefix: String?
        public var accessKeyID: String
        public var secretAccessKey: String

        public init(
            url: String, bucket: String, region: String? = nil, prefix: String? = nil, accessKeyID: String,
            secretAccessKey: String
        ) {
            self.url = url
            self.bucket = bucket
            self.region = region
            self.prefix = prefix
            self.accessKeyID = accessKeyID
            self.secretAccessKey = secretAccessKey
        }
    }

    public struct Storage: Codable, Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var path: String
    }
}
