import Dispatch
import Foundation

/// Runs a long-lived body until SIGTERM or SIGINT, then cancels it and waits for it to wind down.
enum SignalWatcher {
    static func runUntilTerminated(_ body: @escaping @Sendable () async -> Void) async throws {
        let task = Task { await body() }
        let sources = [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { task.cancel() }
            source.resume()
            return source
        }
        await task.value
        for source in sources { source.cancel() }
    }
}
