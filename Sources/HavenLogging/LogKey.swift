/// The metadata keys Haven logs with; one list so that every component names things the same way.
public enum LogKey: String, Sendable, CaseIterable {
    case requestID = "haven.request.id"
    case method = "haven.http.method"
    case path = "haven.http.path"
    case status = "haven.http.status"
    case durationMS = "haven.duration_ms"
    case clientAddress = "haven.client.address"
    case userID = "haven.user.id"
    case userName = "haven.user.name"
    case projectID = "haven.project.id"
    case jobID = "haven.job.id"
    case nodePool = "haven.pool"
    case object = "haven.object"
    case bytes = "haven.bytes"
    case migration = "haven.migration"
    case database = "haven.database"
    case address = "haven.address"
    case dataDirectory = "haven.data_dir"
    case sqlState = "haven.sql.state"
    case error = "haven.error"
    case reason = "haven.reason"
    case count = "haven.count"
    case token = "haven.token"
    case password = "haven.password"
    case runtime = "haven.runtime"
    case state = "haven.state"
    case version = "haven.policy.version"
    case rule = "haven.policy.rule"
    case processUserID = "haven.process.uid"

    /// Whether values under this key are secrets and print as `***`.
    public var isSecret: Bool {
        switch self {
        case .token, .password: return true
        default: return false
        }
    }
}
