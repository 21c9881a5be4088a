/// What a caller receives from the pool: an idle connection, or permission to open a new one.
enum PoolLease<Connection: Sendable>: Sendable {
    case connection(Connection)
    case openNew
}
