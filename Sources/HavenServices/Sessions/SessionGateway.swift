import Foundation
import HavenCrypto
import HavenLogging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The door to a session's app on its node. A client first presents the one-time token Haven gave the requester
/// (`REDEEM token`); Haven uses it up and the gateway answers with a ticket that only this gateway knows
/// (`TICKET ticket`). Each connection to the app then opens with that ticket (`OPEN ticket`, answered `OK`) and
/// carries the app's bytes both ways. Every byte counts as activity for idle reaping.
final class SessionGateway: Sendable {
    private let listener: StreamSocket
    private let target: SessionAppTarget
    private let launcher: SessionAppLauncher
    /// Asks Haven to use up a token; returns nil when it was, or why not.
    private let redeem: @Sendable (String) -> String?
    private let logger: Logger
    private let tickets = Mutex<Set<String>>([])
    private let lastActivity = Mutex<ContinuousClock.Instant>(.now)
    /// The shells started for connections, ended with the gateway. An exited shell leaves the list when the next
    /// shell starts; while listed, Foundation can still reap it.
    private let processes = Mutex<[Process]>([])
    private let stopped = Atomic<Bool>(false)
    private let connections = Atomic<Int>(0)
    /// Connections being served, handshakes included.
    private let handling = Atomic<Int>(0)
    static let maximumConnections = 64
    /// When each client address last had tokens refused, within the last minute. Each try is recorded in the
    /// access log, so a client guessing tokens is turned away past the budget before it reaches Haven; other
    /// clients are not.
    private let refusals = Mutex<[String: [ContinuousClock.Instant]]>([:])
    static let refusalsPerMinute = 10

    init(
        bind host: String, target: SessionAppTarget, launcher: SessionAppLauncher, logger: Logger,
        redeem: @escaping @Sendable (String) -> String?
    ) throws {
        self.listener = try StreamSocket.listen(host: host, port: 0)
        self.target = target
        self.launcher = launcher
        self.redeem = redeem
        self.logger = logger
    }

    var port: UInt16 { listener.localPort }

    /// Seconds since the last byte went through the gateway.
    var idleSeconds: Double {
        let idle = lastActivity.withLock { ContinuousClock.now - $0 }
        return Double(idle.components.seconds) + Double(idle.components.attoseconds) / 1e18
    }

    /// Connections open right now.
    var openConnections: Int { connections.load(ordering: .relaxed) }

    /// Accepts connections on a thread of its own until ``stop()``.
    func start() {
        Thread { [self] in
            while let connection = listener.accept() {
                // Each connection has threads of its own; past the cap, new ones are turned away at once.
                guard handling.add(1, ordering: .relaxed).newValue <= Self.maximumConnections else {
                    handling.subtract(1, ordering: .relaxed)
                    connection.write("DENIED this session has too many connections open\n")
                    connection.close()
                    continue
                }
                Thread { [self] in
                    defer { handling.subtract(1, ordering: .relaxed) }
                    serve(connection)
                }.start()
            }
        }.start()
    }

    /// Stops accepting and ends every shell the gateway started; a shell starting meanwhile ends as it starts.
    func stop() {
        stopped.store(true, ordering: .sequentiallyConsistent)
        listener.close()
        for process in processes.withLock({ $0 }) where process.isRunning { process.terminate() }
    }

    /// Whether a token from `client` may go to Haven: fewer than the budget of its tokens were refused in the
    /// last minute.
    private func mayRedeem(from client: String) -> Bool {
        let now = ContinuousClock.now
        return refusals.withLock { refusals in
            refusals = refusals.compactMapValues { times in
                let recent = times.filter { now - $0 <= .seconds(60) }
                return recent.isEmpty ? nil : recent
            }
            return refusals[client, default: []].count < Self.refusalsPerMinute
        }
    }

    private func touch() {
        lastActivity.withLock { $0 = .now }
    }

    private func serve(_ connection: StreamSocket) {
        defer { connection.close() }
        connection.setReceiveTimeout(seconds: 15)
        guard let line = connection.readLine(limit: 256) else { return }
        touch()
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        switch (words.first, words.count) {
        case ("REDEEM", 2):
            let client = connection.peerHost
            guard mayRedeem(from: client) else {
                logger.warning(
                    "session connection refused",
                    [.clientAddress: client, .reason: "\(Self.refusalsPerMinute) tokens refused in a minute"])
                connection.write(
                    "DENIED too many tokens were refused from your address in the last minute; wait a minute and"
                        + " run `haven session connect` again\n")
                return
            }
            if let refusal = redeem(words[1]) {
                refusals.withLock { $0[client, default: []].append(.now) }
                logger.notice("session connection refused", [.reason: refusal])
                connection.write("DENIED " + refusal + "\n")
                return
            }
            let ticket = SecureRandom.token()
            tickets.withLock { _ = $0.insert(ticket) }
            connection.write("TICKET " + ticket + "\n")
        case ("OPEN", 2) where tickets.withLock({ $0.contains(words[1]) }):
            connection.setReceiveTimeout(seconds: 0)
            connection.write("OK\n")
            connections.add(1, ordering: .relaxed)
            defer { connections.subtract(1, ordering: .relaxed) }
            relay(connection)
        case ("OPEN", 2):
            connection.write("DENIED this gateway does not know that ticket; run `haven session connect` again\n")
        default:
            connection.write("DENIED a connection opens with REDEEM token or OPEN ticket\n")
        }
    }

    /// Carries the connection's bytes to and from the app until either side ends.
    private func relay(_ connection: StreamSocket) {
        let client = ByteRelay.Side(
            read: connection.descriptor, write: connection.descriptor, endWriting: { connection.shutdownWrite() })
        do {
            switch target {
            case .shell:
                let (process, input, output) = try launcher.shell()
                processes.withLock { list in
                    list.removeAll { !$0.isRunning }
                    list.append(process)
                }
                // Read after the append: either ``stop()`` sees this shell, or this sees the stop.
                if stopped.load(ordering: .sequentiallyConsistent) { process.terminate() }
                let shell = ByteRelay.Side(read: output, write: input, endWriting: { close(input) })
                ByteRelay.run(client, shell) { [self] in touch() }
                if process.isRunning { process.terminate() }
                close(output)
            case .unixSocket(let path):
                try relay(client, to: StreamSocket.connect(unixPath: path))
            case .loopbackPort(let port):
                try relay(client, to: StreamSocket.connect(to: "127.0.0.1:\(port)"))
            }
        } catch {
            logger.warning("session app unreachable", [.error: "\(error)"])
        }
    }

    private func relay(_ client: ByteRelay.Side, to app: StreamSocket) {
        defer { app.close() }
        let side = ByteRelay.Side(read: app.descriptor, write: app.descriptor, endWriting: { app.shutdownWrite() })
        ByteRelay.run(client, side) { [self] in touch() }
    }
}
