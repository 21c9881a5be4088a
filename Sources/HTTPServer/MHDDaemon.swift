internal import CHavenShims
internal import CMicroHTTPD
import Foundation
import Synchronization

/// Owns a running libmicrohttpd daemon and the PEM strings it was started with; stops it in `deinit`.
///
/// `@unchecked Sendable` is safe: the daemon pointer sits behind a `Mutex`, and the MHD calls made
/// through it (quiesce, stop, daemon info) are documented as callable from any thread.
final class MHDDaemon: @unchecked Sendable {
    private let daemon: Mutex<OpaquePointer?>
    /// The port the daemon bound, read once at start.
    let port: Int
    /// Kept alive as long as the daemon, which holds an unretained pointer to it.
    private let core: ServerCore
    private let certificatePEM: UnsafeMutablePointer<CChar>?
    private let keyPEM: UnsafeMutablePointer<CChar>?

    /// Starts a daemon serving `core` with the given settings; TLS when both PEM strings are given.
    init(
        host: String, port: Int, threads: Int, idleTimeout: Duration, tls: (certificate: String, key: String)?,
        core: ServerCore
    ) throws(HTTPServerError) {
        // MHD may keep pointers to the PEM text, so the daemon owns copies freed only after it stops.
        certificatePEM = tls.map { strdup($0.certificate) }
        keyPEM = tls.map { strdup($0.key) }
        self.core = core

        let flags =
            MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_EPOLL.rawValue | MHD_USE_ITC.rawValue
        let context = Unmanaged.passUnretained(core).toOpaque()
        let started = haven_mhd_start(
            flags, host, UInt16(port), UInt32(threads), UInt32(idleTimeout.components.seconds),
            certificatePEM, keyPEM, MHDCallbacks.access, context, MHDCallbacks.completed, context)
        guard let started else {
            free(certificatePEM)
            free(keyPEM)
            throw HTTPServerError(
                .startFailed,
                "cannot listen on \(host):\(port); check that the host is a numeric address of this machine, "
                    + "the port is free, and the TLS certificate and key are valid PEM and match")
        }

        self.port = Int(haven_mhd_bound_port(started))
        daemon = Mutex(started)
    }

    deinit {
        stop()
        free(certificatePEM)
        free(keyPEM)
    }

    /// Closes the listening socket so new connections are refused; open connections go on being served.
    func quiesce() {
        daemon.withLock { daemon in
            guard let daemon else { return }
            let socket = MHD_quiesce_daemon(daemon)

            // MHD hands the listening socket back to the caller, who must close it.
            if socket >= 0 { close(socket) }
        }
    }

    /// Stops the daemon, closing every connection; blocks until MHD's threads have returned.
    func stop() {
        let running = daemon.withLock { daemon in
            defer { daemon = nil }
            return daemon
        }
        if let running { MHD_stop_daemon(running) }
    }
}
