import Foundation
import HavenLogging
import Synchronization

/// An HTTP/1.1 server on libmicrohttpd that routes each request to an async handler.
///
/// MHD's own threads accept connections and read requests; each complete request runs its handler
/// as a task while the MHD thread waits. A response body is bytes, or an ``HTTPBodyStream`` whose producer runs as
/// a task while MHD sends what it has produced (chunked). ``shutdown()`` stops accepting, drains in-flight requests
/// up to ``HTTPServerConfiguration/drainTimeout``, then closes every connection.
public final class HTTPServer: Sendable {
    public let configuration: HTTPServerConfiguration
    private let core: ServerCore
    private let logger: Logger
    private let tls: (certificate: String, key: String)?
    private let state = Mutex(State.idle)

    private enum State {
        case idle
        case running(MHDDaemon)
        case stopped
    }

    /// Checks `configuration` and reads the TLS files, if any; nothing listens until ``start()``.
    ///
    /// - Throws: ``HTTPServerError`` for an out-of-range value, only one of the TLS paths, or an unreadable TLS file.
    public init(configuration: HTTPServerConfiguration, router: Router, logger: Logger) throws {
        try Self.validate(configuration)
        self.configuration = configuration
        self.logger = logger
        self.tls = try Self.readTLS(configuration)
        core = ServerCore(
            router: router, maximumBodyBytes: configuration.maximumBodyBytes,
            uploads: .init(
                directory: configuration.uploadStagingDirectory,
                maximumBytes: configuration.maximumStreamedBodyBytes),
            logger: logger)
    }

    /// Binds the configured address and starts serving on MHD's threads.
    ///
    /// - Throws: ``HTTPServerError`` if the server already ran or the daemon cannot bind.
    public func start() throws {
        try state.withLock { state throws(HTTPServerError) in
            guard case .idle = state else {
                throw HTTPServerError(.invalidState, "the server was already started; make a new HTTPServer instead")
            }

            let daemon = try MHDDaemon(
                host: configuration.host, port: configuration.port, threads: configuration.threads,
                idleTimeout: configuration.idleTimeout, tls: tls, core: core)
            state = .running(daemon)
            logger.debug(
                "http server listening",
                [.address: "\(configuration.host):\(daemon.port)", .count: String(configuration.threads)])
        }
    }

    /// The port the server is bound to while running (the chosen one if configured as 0), else the configured port.
    public var port: Int {
        state.withLock { state in
            if case .running(let daemon) = state { return daemon.port }
            return configuration.port
        }
    }

    /// Stops accepting connections, lets in-flight requests finish up to the drain timeout, then stops.
    ///
    /// Handlers still running at the deadline are cancelled, and the server stops once they return.
    public func shutdown() async {
        let daemon: MHDDaemon? = state.withLock { state in
            guard case .running(let daemon) = state else { return nil }
            state = .stopped
            return daemon
        }
        guard let daemon else { return }
        daemon.quiesce()

        let deadline = ContinuousClock.now + configuration.drainTimeout
        while core.inFlightCount > 0 && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let abandoned = core.inFlightCount
        if abandoned > 0 {
            logger.warning("drain timed out; cancelling requests still in flight", [.count: String(abandoned)])
        }
        // Streamed bodies are not in flight once their headers went out; cancel their producers too, so that an
        // MHD thread waiting for a stream's next piece returns before MHD_stop_daemon joins it.
        core.cancelRunningHandlers()

        // MHD_stop_daemon joins MHD's threads, so it runs off Swift's concurrency pool, on a serial
        // queue (GCD's overcommitting pool) so that blocked work elsewhere cannot hold it up.
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "haven.http-server.stop").async {
                daemon.stop()
                continuation.resume()
            }
        }
        logger.debug("http server stopped", [.address: "\(configuration.host):\(daemon.port)"])
    }

    deinit {
        // Never join MHD's threads on the caller's thread: it may be one of Swift's few pool threads, which a
        // stream's producer may need in order to let an MHD thread go.
        if case .running(let daemon) = state.withLock({ $0 }) {
            DispatchQueue(label: "haven.http-server.stop").async { daemon.stop() }
        }
    }
}
