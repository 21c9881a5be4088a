/// A caller waiting in the pool's line: its place, and the continuation that resumes it with a lease.
struct PoolWaiter<Connection: Sendable>: Sendable {
    let id: Int
    let continuation: CheckedContinuation<PoolLease<Connection>, any Error>
}
