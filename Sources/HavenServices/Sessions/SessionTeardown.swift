import Synchronization

/// What ends a session, gathered as its parts start: run once, last part first, whether the session ends by
/// Haven's word, by a failure or by a signal to the runner.
final class SessionTeardown: Sendable {
    private let steps = Mutex<[@Sendable () -> Void]>([])

    /// Adds `step`, to run before every step added earlier.
    func add(_ step: @escaping @Sendable () -> Void) {
        steps.withLock { $0.append(step) }
    }

    /// Runs the steps, last added first; a call made meanwhile (a signal's) waits for them, later calls find none
    /// left.
    func run() {
        steps.withLock { steps in
            for step in steps.reversed() { step() }
            steps = []
        }
    }
}
