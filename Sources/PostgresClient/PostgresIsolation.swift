/// The isolation level a ``PostgresPool`` transaction begins with.
public enum PostgresIsolation: Sendable, CaseIterable {
    case readCommitted
    case repeatableRead
    case serializable

    /// The words after `BEGIN ISOLATION LEVEL`.
    var sql: String {
        switch self {
        case .readCommitted: "READ COMMITTED"
        case .repeatableRead: "REPEATABLE READ"
        case .serializable: "SERIALIZABLE"
        }
    }
}
