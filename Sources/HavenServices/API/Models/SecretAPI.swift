import Foundation

/// The messages of `/v1/projects/:project/secrets`, `/v1/jobs/:job/secrets` and `/v1/vault`; none carries a value.
public enum SecretAPI {
    /// A secret's name and metadata.
    public struct View: Codable, Sendable, Equatable {
        public var name: String
        /// `active`, `disabled` or `deleted`.
        public var state: String
        public var latestVersion: Int
        public var versions: [Version]
        public var createdBy: String
        public var createdAt: Date
        public var deletedAt: Date?
        /// A deleted secret may be recovered until then, and purged only after it.
        public var purgeAfter: Date?
    }

    /// One version's metadata.
    public struct Version: Codable, Sendable, Equatable {
        public var version: Int
        /// The key-encryption key that wraps this version's data key.
        public var kekID: String
        public var createdAt: Date
        /// Set on versions a rotation replaced: they stay readable until then.
        public var readableUntil: Date?
    }

    /// How a job receives a secret while it runs.
    public enum Delivery: String, Codable, Sendable {
        /// A file with mode 0600 in the job's work folder, `secrets/NAME`.
        case file
        /// An environment variable `HAVEN_SECRET_NAME` (upper case, `-` as `_`) of the job's runner.
        case environment
    }

    /// A secret a job declares at submission.
    public struct Use: Codable, Sendable, Equatable {
        public var name: String
        public var delivery: Delivery

        public init(name: String, delivery: Delivery = .file) {
            self.name = name
            self.delivery = delivery
        }
    }

    /// A new key-encryption key for `POST /v1/vault/rotate-kek`, as base64.
    public struct RotateKEK: Codable, Sendable {
        public var key: String

        public init(key: String) {
            self.key = key
        }
    }

    /// The result of a key-encryption key rotation.
    public struct KEKRotation: Codable, Sendable {
        public var kekID: String
        public var rewrapped: Int
        /// Where the server saved the new key, when its key came from a file.
        public var keyFile: String?
    }
}
