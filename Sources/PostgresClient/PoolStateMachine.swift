/// The pool's bookkeeping as a value: idle connections, how many are lent out, and who waits in line.
///
/// Each event returns what the pool must do next, so the rules can be tested without any I/O. A lease is
/// a ``PoolLease``; every lease counts against `maximum` until returned.
struct PoolStateMachine<Connection: Sendable, Waiter> {
    typealias Lease = PoolLease<Connection>

    /// What to do with a caller who asked for a lease.
    enum AcquireAction {
        case lease(Lease)
        case wait
        case refuse
    }

    /// What to do after a connection or an unused lease came back.
    struct ReturnAction {
        /// A connection the pool must close.
        var close: Connection?
        /// A waiter to resume with a lease.
        var handOver: (waiter: Waiter, lease: Lease)?
    }

    let maximum: Int
    private(set) var idle: [Connection] = []
    private(set) var leased = 0
    private(set) var waiters: [(id: Int, waiter: Waiter)] = []
    private(set) var isClosed = false

    init(maximum: Int) {
        self.maximum = max(1, maximum)
    }

    /// A caller identified by `id` asks for a connection; if it must wait, it joins the end of the line.
    mutating func acquire(id: Int, waiter: Waiter) -> AcquireAction {
        if isClosed { return .refuse }

        if let connection = idle.popLast() {
            leased += 1
            return .lease(.connection(connection))
        }
        if leased + idle.count < maximum {
            leased += 1
            return .lease(.openNew)
        }
        waiters.append((id, waiter))
        return .wait
    }

    /// A borrowed connection comes back; `reusable` is false when its session broke.
    mutating func release(_ connection: Connection, reusable: Bool) -> ReturnAction {
        leased -= 1
        if isClosed || !reusable {
            return ReturnAction(close: connection, handOver: grantOpenNewToNextWaiter())
        }

        if !waiters.isEmpty {
            leased += 1
            return ReturnAction(handOver: (waiters.removeFirst().waiter, .connection(connection)))
        }
        idle.append(connection)
        return ReturnAction()
    }

    /// A caller holding an ``Lease/openNew`` lease failed to open its connection and gives the slot back.
    mutating func openFailed() -> ReturnAction {
        leased -= 1
        return ReturnAction(handOver: grantOpenNewToNextWaiter())
    }

    /// The caller `id` gave up waiting; returns its waiter if it was still in line (and so must be failed).
    mutating func abandon(id: Int) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index).waiter
    }

    /// Closes the pool: returns the idle connections to close and the waiters to fail.
    mutating func close() -> (connections: [Connection], waiters: [Waiter]) {
        isClosed = true
        defer {
            idle = []
            waiters = []
        }
        return (idle, waiters.map(\.waiter))
    }

    private mutating func grantOpenNewToNextWaiter() -> (waiter: Waiter, lease: Lease)? {
        guard !isClosed, !waiters.isEmpty else { return nil }
        leased += 1
        return (waiters.removeFirst().waiter, .openNew)
    }
}
