import Foundation
import HavenLogging
import Synchronization

/// The part of the server MHD's threads call into: routing, body limits, the async bridge and
/// the in-flight count that shutdown drains.
final class ServerCore: Sendable {
    let router: Router
    let maximumBodyBytes: Int
    let uploads: UploadLimits
    let logger: Logger
    private let inFlight = Atomic<Int>(0)
    let handlerTasks = Mutex(HandlerTasks())

    /// Handler tasks still running, so that shutdown can cancel the ones that outlive the drain.
    struct HandlerTasks {
        var nextID = 0
        var running: [Int: Task<Void, Never>] = [:]
    }

    /// Where streamed bodies are staged and how large they may be.
    struct UploadLimits: Sendable {
        var directory: URL
        var maximumBytes: Int64
    }

    init(router: Router, maximumBodyBytes: Int, uploads: UploadLimits, logger: Logger) {
        self.router = router
        self.maximumBodyBytes = maximumBodyBytes
        self.uploads = uploads
        self.logger = logger
    }

    /// Requests whose headers have arrived and whose response has not finished sending.
    var inFlightCount: Int { inFlight.load(ordering: .acquiring) }

    func begin(method: String, path: String, connection: MHDConnection) -> RequestContext {
        inFlight.add(1, ordering: .relaxed)
        return RequestContext(
            method: method, path: path, requestID: RequestID.accept(connection.header("X-Request-ID")),
            clientAddress: connection.clientAddress(), logger: logger)
    }

    /// Answers 413 at once when the declared length is over the limit; false if MHD refused the answer.
    func checkDeclaredLength(_ context: RequestContext, connection: MHDConnection) -> Bool {
        guard let declared = connection.header("Content-Length").flatMap(Int.init), declared > maximumBodyBytes
        else { return true }
        return answer(tooLarge(), context, connection: connection)
    }

    /// Adds a piece of the body; answers 413 once the body passes the limit.
    func receive(_ piece: UnsafeRawBufferPointer, _ context: RequestContext, connection: MHDConnection) -> Bool {
        // After an early answer MHD may still pass on bytes it had already read; they are dropped.
        guard context.status == nil else { return true }
        if let upload = context.upload { return receive(piece, into: upload, context, connection: connection) }

        guard context.body.count + piece.count <= maximumBodyBytes else {
            // MHD 0.9.75 accepts a response only before the body or after all of it; mid-body it
            // refuses, and returning false then closes the connection without reading more.
            let answered = answer(tooLarge(), context, connection: connection)
            context.logger.debug(
                "request body passed the size limit",
                [.bytes: String(context.body.count + piece.count), .reason: answered ? "answered 413" : "closed"])
            return answered
        }
        context.body.append(contentsOf: piece)
        return true
    }

    /// Runs the handler for a complete request and queues its response.
    func respond(_ context: RequestContext, connection: MHDConnection) -> Bool {
        guard context.status == nil else { return true }

        var request = HTTPRequest(
            method: context.method.uppercased(), path: context.path, query: connection.query(),
            headers: connection.headers(), body: context.body, requestID: context.requestID,
            clientAddress: context.clientAddress)
        if context.upload != nil {
            guard let body = finishUpload(context, connection: connection) else { return context.status != nil }
            request.streamedBody = body
        }
        let logger = context.logger
        let complete = request
        let response = runBlocking(requestID: context.requestID) { await self.response(for: complete, logger: logger) }
        if let body = request.streamedBody { unlink(body.file.path) }
        return queue(response, context, connection: connection)
    }

    func finish(_ context: RequestContext, delivered: Bool) {
        inFlight.subtract(1, ordering: .releasing)
        context.upload?.discard()
        context.upload = nil
        let elapsed = ContinuousClock.now - context.started
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        let metadata: [LogKey: String] = [
            .method: context.method, .path: context.path, .status: context.status.map(String.init) ?? "none",
            .durationMS: String(milliseconds), .clientAddress: context.clientAddress,
        ]
        if delivered {
            context.logger.debug("request handled", metadata)
        } else {
            context.logger.debug("connection closed before the response was sent", metadata)
        }
    }

    /// Cancels handlers still running, so that their threads can return once the handlers notice.
    func cancelRunningHandlers() {
        let running = handlerTasks.withLock { $0.running.values }
        for task in running { task.cancel() }
    }

    /// Waits on this MHD thread while `work` (a handler) runs as a task on Swift's concurrency pool.
    func runBlocking(requestID: String, _ work: @escaping @Sendable () async -> HTTPResponse) -> HTTPResponse {
        let result = Mutex<HTTPResponse?>(nil)
        let done = DispatchSemaphore(value: 0)
        let id = handlerTasks.withLock { tasks in
            defer { tasks.nextID += 1 }
            return tasks.nextID
        }

        let task = Task {
            let response = await work()
            result.withLock { $0 = response }
            done.signal()
        }
        handlerTasks.withLock { $0.running[id] = task }
        done.wait()

        handlerTasks.withLock { _ = $0.running.removeValue(forKey: id) }
        return result.withLock { $0 } ?? errorResponse(.internalError, requestID: requestID)
    }

    func answer(_ error: HTTPError, _ context: RequestContext, connection: MHDConnection) -> Bool {
        queue(errorResponse(error, requestID: context.requestID), context, connection: connection)
    }

    func queue(_ response: HTTPResponse, _ context: RequestContext, connection: MHDConnection) -> Bool {
        var response = response
        response.headers["X-Request-ID"] = context.requestID
        guard case .stream(let stream) = response.content else {
            let queued = connection.queue(response)
            if queued { context.status = response.status }
            return queued
        }

        let channel = StreamChannel(highWater: stream.highWater)
        guard connection.queue(response, streamingFrom: channel) else { return false }
        context.status = response.status
        startProducing(stream, into: channel, logger: context.logger)
        return true
    }

    private func tooLarge() -> HTTPError {
        .payloadTooLarge("request body is larger than \(maximumBodyBytes) bytes; send a smaller body")
    }
}
