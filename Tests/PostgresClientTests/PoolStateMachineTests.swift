import Testing

@testable import PostgresClient

@Suite("The pool's state machine lends, queues, hands over and closes without any I/O")
struct PoolStateMachineTests {
    /// Connections and waiters are plain strings here; the machine never looks inside them.
    typealias Machine = PoolStateMachine<String, String>

    @Test("callers up to the maximum get permission to open; the next one waits")
    func opensUpToMaximumThenWaits() {
        var machine = Machine(maximum: 2)

        let first = machine.acquire(id: 1, waiter: "a")
        let second = machine.acquire(id: 2, waiter: "b")
        let third = machine.acquire(id: 3, waiter: "c")

        #expect(isOpenNew(first))
        #expect(isOpenNew(second))
        #expect(isWait(third))
        #expect(machine.leased == 2)
        #expect(machine.waiters.map(\.waiter) == ["c"])
    }

    @Test("a returned connection goes to the longest waiter, else back to idle for reuse")
    func releaseHandsOverInOrder() {
        var machine = Machine(maximum: 1)
        _ = machine.acquire(id: 1, waiter: "a")
        _ = machine.acquire(id: 2, waiter: "b")
        _ = machine.acquire(id: 3, waiter: "c")

        let toB = machine.release("conn", reusable: true)
        let toC = machine.release("conn", reusable: true)
        let toIdle = machine.release("conn", reusable: true)
        let reuse = machine.acquire(id: 4, waiter: "d")

        #expect(toB.handOver?.waiter == "b")
        #expect(toC.handOver?.waiter == "c")
        #expect(toIdle.handOver == nil && toIdle.close == nil)
        guard case .lease(.connection("conn")) = reuse else {
            Issue.record("expected the idle connection to be reused, got \(reuse)")
            return
        }
        #expect(machine.leased == 1)
    }

    @Test("a broken connection is closed and its place goes to a waiter as permission to open")
    func brokenConnectionIsReplaced() {
        var machine = Machine(maximum: 1)
        _ = machine.acquire(id: 1, waiter: "a")
        _ = machine.acquire(id: 2, waiter: "b")

        let action = machine.release("broken", reusable: false)

        #expect(action.close == "broken")
        #expect(action.handOver?.waiter == "b")
        if let lease = action.handOver?.lease { #expect(isOpenNew(.lease(lease))) }
        #expect(machine.idle.isEmpty)
        #expect(machine.leased == 1)
    }

    @Test("a failed open gives its place back, to a waiter if there is one")
    func failedOpenFreesPlace() {
        var machine = Machine(maximum: 1)
        _ = machine.acquire(id: 1, waiter: "a")
        _ = machine.acquire(id: 2, waiter: "b")

        let action = machine.openFailed()
        let drained = machine.openFailed()

        #expect(action.handOver?.waiter == "b")
        #expect(drained.handOver == nil)
        #expect(machine.leased == 0)
    }

    @Test("a timed-out waiter leaves the line once; a served one is not found")
    func abandonRemovesOnlyWaiting() {
        var machine = Machine(maximum: 1)
        _ = machine.acquire(id: 1, waiter: "a")
        _ = machine.acquire(id: 2, waiter: "b")
        _ = machine.acquire(id: 3, waiter: "c")

        let abandoned = machine.abandon(id: 2)
        let again = machine.abandon(id: 2)
        let served = machine.release("conn", reusable: true)

        #expect(abandoned == "b")
        #expect(again == nil)
        #expect(served.handOver?.waiter == "c")
    }

    @Test("closing returns idle connections and waiters, refuses newcomers and closes returning connections")
    func closeDrainsEverything() {
        var machine = Machine(maximum: 2)
        _ = machine.acquire(id: 1, waiter: "a")
        _ = machine.acquire(id: 2, waiter: "b")
        _ = machine.release("idle", reusable: true)
        _ = machine.acquire(id: 3, waiter: "c")  // takes "idle" again
        _ = machine.acquire(id: 4, waiter: "d")  // waits

        let (connections, waiters) = machine.close()
        let refused = machine.acquire(id: 5, waiter: "e")
        let late = machine.release("lent", reusable: true)

        #expect(connections.isEmpty)
        #expect(waiters == ["d"])
        #expect(isRefuse(refused))
        #expect(late.close == "lent")
        #expect(late.handOver == nil)
    }

    private func isOpenNew(_ action: Machine.AcquireAction) -> Bool {
        if case .lease(.openNew) = action { return true }
        return false
    }

    private func isWait(_ action: Machine.AcquireAction) -> Bool {
        if case .wait = action { return true }
        return false
    }

    private func isRefuse(_ action: Machine.AcquireAction) -> Bool {
        if case .refuse = action { return true }
        return false
    }
}
