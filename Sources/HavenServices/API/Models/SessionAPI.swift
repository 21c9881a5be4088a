import Foundation
import HavenCore

/// The messages of `/v1/projects/:project/sessions` and `/v1/sessions/:session`.
public enum SessionAPI {
    public struct Start: Codable, Sendable {
        public var app: SessionApp
        public var pool: String
        /// The session's length in hours; policy bounds it, and `extend` moves its end later.
        public var hours: Double
        public var gpus: Int?
        /// The storage endpoint the inputs come from; the project's only one by default.
        public var endpoint: String?
        /// Objects copied into the session's `inputs/` folder before the app starts.
        public var inputs: [String]?
        public var idempotencyKey: String?

        public init(
            app: SessionApp, pool: String, hours: Double, gpus: Int? = nil, endpoint: String? = nil,
            inputs: [String]? = nil, idempotencyKey: String? = nil
        ) {
            self.app = app
            self.pool = pool
            self.hours = hours
            self.gpus = gpus
            self.endpoint = endpoint
            self.inputs = inputs
            self.idempotencyKey = idempotencyKey
        }
    }

    public struct View: Codable, Sendable {
        /// The session's job id.
        public var id: String
        public var project: String
        public var app: SessionApp
        public var pool: String
        public var state: JobState
        public var gpus: Int
        /// Hours granted so far, extensions included.
        public var hours: Double
        /// When the session ends unless extended; set once it is placed.
        public var endsAt: Date?
        public var idleMinutes: Double
        public var lastActivityAt: Date?
        public var requestedBy: String
        public var message: String
        /// Whether the gateway listens, so that `connect` can hand out a token.
        public var ready: Bool
    }

    public struct Extend: Codable, Sendable {
        public var hours: Double

        public init(hours: Double) {
            self.hours = hours
        }
    }

    /// Where the requester connects, and the token that lets one connection in; shown once.
    public struct Connection: Codable, Sendable {
        public var session: String
        public var app: SessionApp
        /// The gateway's `host:port`.
        public var address: String
        public var token: String
        public var expiresAt: Date
    }

    /// The runner telling Haven where its gateway listens.
    public struct Gateway: Codable, Sendable {
        public var address: String

        public init(address: String) {
            self.address = address
        }
    }

    /// The gateway asking Haven to use up a connection token a client presented.
    public struct Redeem: Codable, Sendable {
        public var token: String

        public init(token: String) {
            self.token = token
        }
    }

    public struct Redeemed: Codable, Sendable {
        /// The user the token was issued to.
        public var user: String
    }
}
