import Foundation

/// The hand-over between a streamed body's producer task and the MHD thread that sends the body.
///
/// The producer appends pieces and, once `highWater` unsent bytes are queued, suspends on a continuation (never a
/// blocked thread of Swift's pool) until the reader has taken enough. MHD's content reader runs on an MHD thread
/// and waits on the condition while nothing is queued: in MHD's internal polling mode the reader must not answer
/// "nothing yet", since MHD would call it again at once. `@unchecked Sendable` is safe: every stored property is
/// read and written with `condition` locked.
final class StreamChannel: @unchecked Sendable {
    /// How the producer ended.
    enum Ending {
        case finished
        case failed
    }

    /// What ``read(into:maximum:)`` returns at the end of the body and after a failure, as MHD's reader expects.
    static let endOfStream = -1
    static let endWithError = -2

    private let condition = NSCondition()
    private let highWater: Int
    private var pieces: [Data] = []
    /// Bytes of `pieces[0]` already handed to MHD.
    private var offset = 0
    private var unsent = 0
    private var ending: Ending?
    private var closed = false
    private var waitingWriter: CheckedContinuation<Void, any Error>?
    private var producer: Task<Void, Never>?

    init(highWater: Int) {
        self.highWater = highWater
    }

    /// Queues `piece`, then waits while `highWater` or more bytes are unsent; throws once the channel is closed.
    func write(_ piece: Data) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                condition.lock()
                guard !closed else {
                    condition.unlock()
                    return continuation.resume(throwing: HTTPBodyWriterError())
                }
                pieces.append(piece)
                unsent += piece.count
                condition.signal()
                guard unsent >= highWater else {
                    condition.unlock()
                    return continuation.resume()
                }
                waitingWriter = continuation
                condition.unlock()
            }
        } onCancel: {
            close()
        }
    }

    /// Copies up to `maximum` unsent bytes to `buffer`, waiting on this (MHD) thread while none are queued;
    /// returns the count, or ``endOfStream`` / ``endWithError`` once the producer is done and all is sent.
    func read(into buffer: UnsafeMutableRawPointer, maximum: Int) -> Int {
        condition.lock()
        while pieces.isEmpty && ending == nil && !closed { condition.wait() }
        guard !closed, let first = pieces.first else {
            let result = !closed && ending == .finished ? Self.endOfStream : Self.endWithError
            condition.unlock()
            return result
        }

        let count = min(maximum, first.count - offset)
        first.withUnsafeBytes { source in buffer.copyMemory(from: source.baseAddress! + offset, byteCount: count) }
        offset += count
        unsent -= count
        if offset == first.count {
            pieces.removeFirst()
            offset = 0
        }
        var writer: CheckedContinuation<Void, any Error>?
        if unsent < highWater { swap(&writer, &waitingWriter) }
        condition.unlock()

        writer?.resume()
        return count
    }

    /// Records how the producer ended; the reader sends what is queued, then ends the body accordingly.
    func end(_ how: Ending) {
        condition.lock()
        ending = how
        condition.broadcast()
        condition.unlock()
    }

    /// Keeps the producer's task, so that closing the channel cancels it.
    func attach(_ task: Task<Void, Never>) {
        condition.lock()
        let isClosed = closed
        if !isClosed { producer = task }
        condition.unlock()
        if isClosed { task.cancel() }
    }

    /// Ends the hand-over for good: MHD is done with the body, or the producer was cancelled. A waiting writer
    /// and later writes throw, a waiting reader returns ``endWithError``, and the producer is cancelled.
    func close() {
        condition.lock()
        closed = true
        pieces.removeAll()
        unsent = 0
        let writer = waitingWriter
        waitingWriter = nil
        let task = producer
        producer = nil
        condition.broadcast()
        condition.unlock()

        writer?.resume(throwing: HTTPBodyWriterError())
        task?.cancel()
    }
}
