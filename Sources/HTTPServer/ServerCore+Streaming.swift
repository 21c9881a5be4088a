import Foundation
import HavenLogging

extension ServerCore {
    /// Runs a streamed body's producer as a task feeding `channel`; shutdown cancels it like a handler.
    func startProducing(_ stream: HTTPBodyStream, into channel: StreamChannel, logger: Logger) {
        // The task is registered under the lock it takes to remove itself, so it cannot finish unregistered.
        let task = handlerTasks.withLock { tasks in
            let id = tasks.nextID
            tasks.nextID += 1
            let task = Task {
                await Self.produce(stream, into: channel, logger: logger)
                _ = self.handlerTasks.withLock { $0.running.removeValue(forKey: id) }
            }
            tasks.running[id] = task
            return task
        }
        channel.attach(task)
    }

    private static func produce(_ stream: HTTPBodyStream, into channel: StreamChannel, logger: Logger) async {
        do {
            try await stream.produce(HTTPBodyWriter(channel: channel))
            channel.end(.finished)
        } catch is HTTPBodyWriterError {
            logger.debug("streamed response body stopped: the connection closed")
            channel.end(.failed)
        } catch {
            // The status is already sent, so the body is cut short; the client sees an incomplete chunked body.
            logger.error("streamed response body failed", [.error: String(describing: error)])
            channel.end(.failed)
        }
    }
}
