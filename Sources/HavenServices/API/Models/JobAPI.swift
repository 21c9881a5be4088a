import Foundation
import HavenCore

/// The messages of `/v1/projects/:project/jobs` and `/v1/jobs/:job`.
public enum JobAPI {
    /// The longest time limit of a job or session, extensions included: 31 days.
    public static let longestHours = 24 * 31

    public struct Submit: Codable, Sendable {
        public var kind: JobKind
        public var runtime: String
        public var pool: String
        /// The storage endpoint that holds the inputs and receives the outputs; the project's only one by default.
        public var endpoint: String?
        public var inputs: [String]
        public var parameters: [String: JSONValue]?
        /// The registered model version an inference job runs, as `name:version`; it must not be retired.
        public var model: String?
        /// The vault secrets the job receives while it runs.
        public var secrets: [SecretAPI.Use]?
        /// The GPUs each attempt needs; none by default.
        public var gpus: Int?
        /// A key the client chooses: submitting again with the same key returns the first job, not a second.
        public var idempotencyKey: String?
        /// How many extra attempts failures and lost nodes may cost; 2 by default.
        public var maxRetries: Int?
        /// The time limit of each attempt, in hours; none by default. Admission counts GPUs x hours against the
        /// project's monthly GPU-hours.
        public var hours: Double?

        public init(
            kind: JobKind, runtime: String, pool: String, endpoint: String? = nil, inputs: [String],
            parameters: [String: JSONValue]? = nil, model: String? = nil, secrets: [SecretAPI.Use]? = nil,
            gpus: Int? = nil, hours: Double? = nil, idempotencyKey: String? = nil
        ) {
            self.kind = kind
            self.runtime = runtime
            self.pool = pool
            self.endpoint = endpoint
            self.inputs = inputs
            self.parameters = parameters
            self.model = model
            self.secrets = secrets
            self.gpus = gpus
            self.hours = hours
            self.idempotencyKey = idempotencyKey
        }
    }

    public struct View: Codable, Sendable {
        public var id: String
        public var project: String
        public var projectID: String
        public var endpoint: String
        public var pool: String
        public var kind: JobKind
        public var runtime: String
        public var parameters: [String: JSONValue]
        /// The model version the job runs, as `name:version`, when it named one.
        public var model: String?
        public var inputs: [String]
        public var outputPrefix: String
        public var submittedBy: String
        public var submittedByID: String
        public var state: JobState
        /// The current attempt, counted from 1; preemption, requeue and retries add one.
        public var attempt: Int
        public var gpus: Int
        public var progress: Double
        public var message: String
        public var device: String?
        public var result: JSONValue?
        public var submittedAt: Date
        public var startedAt: Date?
        public var endedAt: Date?
    }

    /// What a job runner reports about its job.
    public struct Report: Codable, Sendable {
        public enum Kind: String, Codable, Sendable {
            case started, progress, succeeded, failed
        }

        public var kind: Kind
        public var progress: Double?
        public var message: String?
        public var result: JSONValue?
        /// On start: the GPUs the runner sees, such as `CUDA_VISIBLE_DEVICES=0 SLURM_JOB_GPUS=0`.
        public var devices: String?
        /// A session's heartbeat: seconds since the last byte went through its gateway.
        public var idleSeconds: Double?

        public init(
            kind: Kind, progress: Double? = nil, message: String? = nil, result: JSONValue? = nil,
            devices: String? = nil, idleSeconds: Double? = nil
        ) {
            self.devices = devices
            self.idleSeconds = idleSeconds
            self.kind = kind
            self.progress = progress
            self.message = message
            self.result = result
        }
    }
}
