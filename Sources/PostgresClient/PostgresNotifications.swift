import Synchronization

/// The notifications arriving on one channel, read from a session dedicated to listening.
///
/// Ending the iteration (leaving the loop, or cancelling its task) stops the listener: it runs `UNLISTEN`
/// and closes its session. Dropping the sequence without iterating does the same.
public struct PostgresNotifications: AsyncSequence, Sendable {
    public typealias Element = PostgresNotification
    public typealias Failure = any Error

    let stream: AsyncThrowingStream<PostgresNotification, any Error>
    let subscription: Subscription

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: stream.makeAsyncIterator(), subscription: subscription)
    }

    /// Reads notifications in arrival order; the listener stops when the iterator is gone.
    public struct AsyncIterator: AsyncIteratorProtocol {
        var base: AsyncThrowingStream<PostgresNotification, any Error>.Iterator
        let token: IterationToken
        /// Kept so that a loop over a temporary sequence (`for try await n in try await pool.listen(c)`) does not
        /// stop the listener when the temporary is released.
        let subscription: Subscription

        init(base: AsyncThrowingStream<PostgresNotification, any Error>.Iterator, subscription: Subscription) {
            self.base = base
            self.token = IterationToken(subscription.stopSignal)
            self.subscription = subscription
        }

        public mutating func next() async throws -> PostgresNotification? {
            try await base.next()
        }
    }
}

extension PostgresNotifications {
    /// A flag the listening loop checks between waits on the socket.
    final class StopSignal: Sendable {
        private let stopped = Atomic<Bool>(false)

        var isStopped: Bool { stopped.load(ordering: .acquiring) }

        func stop() { stopped.store(true, ordering: .releasing) }
    }

    /// Held by the sequence; stops the listener when the last copy of the sequence goes away.
    final class Subscription: Sendable {
        let stopSignal: StopSignal

        init(_ stopSignal: StopSignal) {
            self.stopSignal = stopSignal
        }

        deinit { stopSignal.stop() }
    }

    /// Held by an iterator; stops the listener when the iteration ends.
    final class IterationToken: Sendable {
        let stopSignal: StopSignal

        init(_ stopSignal: StopSignal) {
            self.stopSignal = stopSignal
        }

        deinit { stopSignal.stop() }
    }
}
