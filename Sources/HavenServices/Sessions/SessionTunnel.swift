import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The requester's end of a session: uses up the one-time token at the session's gateway, then opens
/// connections to the app with the ticket the gateway returned.
public struct SessionTunnel: Sendable {
    public let address: String
    let ticket: String

    /// Presents `connection`'s one-time token to its gateway, waiting on a thread of its own: the gateway asks
    /// Haven before it answers, and a caller in the same process as Haven must not hold a shared thread meanwhile.
    public static func redeem(_ connection: SessionAPI.Connection) async throws -> SessionTunnel {
        try await onThread { try redeemWaiting(connection) }
    }

    /// Runs blocking socket work on a thread of its own.
    public static func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try work() })
            }.start()
        }
    }

    private static func redeemWaiting(_ connection: SessionAPI.Connection) throws -> SessionTunnel {
        signal(SIGPIPE, SIG_IGN)
        let socket = try StreamSocket.connect(to: connection.address)
        defer { socket.close() }
        // The gateway asks Haven before it answers; a busy server may take a while.
        socket.setReceiveTimeout(seconds: 120)
        socket.write("REDEEM \(connection.token)\n")
        let answer = try Self.answer(socket, expecting: "TICKET ", at: connection.address)
        return SessionTunnel(address: connection.address, ticket: answer)
    }

    /// Whether anything accepts connections at `address`: a session's gateway does while its runner lives.
    public static func isListening(_ address: String) -> Bool {
        guard let socket = try? StreamSocket.connect(to: address) else { return false }
        socket.close()
        return true
    }

    /// Opens one connection to the app; the caller closes the returned descriptor.
    public func open() throws -> Int32 {
        let socket = try StreamSocket.connect(to: address)
        socket.setReceiveTimeout(seconds: 30)
        socket.write("OPEN \(ticket)\n")
        do {
            _ = try Self.answer(socket, expecting: "OK", at: address)
        } catch {
            socket.close()
            throw error
        }
        socket.setReceiveTimeout(seconds: 0)
        return socket.descriptor
    }

    /// Relays this process's standard input and output to a shell session until the shell ends.
    public func attachTerminal() throws {
        let descriptor = try open()
        defer { close(descriptor) }
        let terminal = RawTerminal.enter()
        defer { terminal?.restore() }
        Thread {
            ByteRelay.pump(from: STDIN_FILENO, to: descriptor)
            shutdown(descriptor, Int32(SHUT_WR))
        }.start()
        ByteRelay.pump(from: descriptor, to: STDOUT_FILENO)
    }

    /// Listens on this machine's loopback at `port` and carries every connection to the app; returns once
    /// listening, with the port taken, and serves on threads of its own until the process ends.
    public func forward(localPort port: UInt16) throws -> UInt16 {
        let listener = try StreamSocket.listen(host: "127.0.0.1", port: port)
        let tunnel = self
        Thread {
            while let local = listener.accept() {
                Thread {
                    defer { local.close() }
                    guard let remote = try? tunnel.open() else { return }
                    defer { close(remote) }
                    ByteRelay.run(
                        .init(read: local.descriptor, write: local.descriptor, endWriting: { local.shutdownWrite() }),
                        .init(read: remote, write: remote, endWriting: { shutdown(remote, Int32(SHUT_WR)) }),
                        activity: {})
                }.start()
            }
        }.start()
        return listener.localPort
    }

    private static func answer(_ socket: StreamSocket, expecting prefix: String, at address: String) throws -> String {
        guard let line = socket.readLine() else {
            throw SessionError("the session gateway at \(address) closed the connection without an answer")
        }
        guard line.hasPrefix(prefix) else {
            let reason = line.hasPrefix("DENIED ") ? String(line.dropFirst("DENIED ".count)) : line
            throw SessionError("the session gateway at \(address) refused the connection: \(reason)")
        }
        return String(line.dropFirst(prefix.count))
    }
}
