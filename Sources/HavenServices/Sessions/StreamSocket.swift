import CHavenShims
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One end of a TCP or Unix-domain stream: a file descriptor with the few blocking calls sessions need. Every
/// descriptor is close-on-exec, so that no session process inherits a connection.
struct StreamSocket: Sendable {
    let descriptor: Int32

    static let closeOnExec = Int32(SOCK_CLOEXEC.rawValue)

    /// Listens on `host` (an address or a name) at `port`; 0 takes any free port.
    static func listen(host: String, port: UInt16) throws -> StreamSocket {
        try first(host: host, port: port, passive: true) { info in
            let fd = socket(info.ai_family, info.ai_socktype | Self.closeOnExec, info.ai_protocol)
            guard fd >= 0 else { return nil }
            var yes: Int32 = 1
            setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, info.ai_addr, info.ai_addrlen) == 0, Glibc.listen(fd, 64) == 0 else {
                Glibc.close(fd)
                return nil
            }
            return StreamSocket(descriptor: fd)
        }
    }

    /// Connects to `host:port`.
    static func connect(to address: String) throws -> StreamSocket {
        guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...])
        else {
            throw SessionError("`\(address)` is not an address; give host:port")
        }
        let host = address[..<colon].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        return try first(host: host, port: port, passive: false) { info in
            let fd = socket(info.ai_family, info.ai_socktype | Self.closeOnExec, info.ai_protocol)
            guard fd >= 0 else { return nil }
            guard Glibc.connect(fd, info.ai_addr, info.ai_addrlen) == 0 else {
                Glibc.close(fd)
                return nil
            }
            return StreamSocket(descriptor: fd)
        }
    }

    /// Connects to the Unix-domain socket at `path`.
    static func connect(unixPath path: String) throws -> StreamSocket {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw SessionError("the socket path \(path) is too long")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            buffer.copyBytes(from: bytes)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Self.closeOnExec, 0)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard fd >= 0, connected == 0 else {
            if fd >= 0 { Glibc.close(fd) }
            throw SessionError("cannot connect to \(path): \(String(cString: strerror(errno)))")
        }
        return StreamSocket(descriptor: fd)
    }

    /// The numeric address of the other end, or `local` for a Unix-domain peer.
    var peerHost: String {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        let named = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                getpeername(descriptor, address, &length) == 0
                    && getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0
            }
        }
        return named ? String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "local"
    }

    /// The port a listening socket is bound to.
    var localPort: UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        return withUnsafeBytes(of: storage) { bytes in
            // sin_port and sin6_port both follow the two-byte family, in network order.
            UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        }
    }

    /// The next connection, or `nil` once the socket is closed.
    func accept() -> StreamSocket? {
        while true {
            let fd = haven_accept_cloexec(descriptor)
            if fd >= 0 { return StreamSocket(descriptor: fd) }
            if errno != EINTR && errno != ECONNABORTED { return nil }
        }
    }

    /// Reads one line of at most `limit` bytes, without its newline; `nil` at the end or past the limit.
    func readLine(limit: Int = 1024) -> String? {
        var line: [UInt8] = []
        var byte: UInt8 = 0
        while line.count < limit {
            guard Glibc.read(descriptor, &byte, 1) == 1 else { return nil }
            if byte == UInt8(ascii: "\n") { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return nil
    }

    /// Writes all of `text`; false when the other end has gone.
    @discardableResult
    func write(_ text: String) -> Bool {
        Array(text.utf8).withUnsafeBytes { ByteRelay.writeAll($0, to: descriptor) }
    }

    /// Gives up waiting for bytes after `seconds`, so that a silent peer cannot hold a thread forever.
    func setReceiveTimeout(seconds: Int) {
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func shutdownWrite() {
        Glibc.shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Stops a listening socket's `accept` and closes it.
    func close() {
        Glibc.shutdown(descriptor, Int32(SHUT_RDWR))
        Glibc.close(descriptor)
    }

    /// The first socket `make` manages to set up from the addresses `host` resolves to.
    private static func first(
        host: String, port: UInt16, passive: Bool, _ make: (addrinfo) -> StreamSocket?
    ) throws -> StreamSocket {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = passive ? AI_PASSIVE : 0
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let list else {
            throw SessionError("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var next: UnsafeMutablePointer<addrinfo>? = list
        while let info = next {
            if let socket = make(info.pointee) { return socket }
            next = info.pointee.ai_next
        }
        throw SessionError(
            "cannot \(passive ? "listen on" : "connect to") \(host):\(port): \(String(cString: strerror(errno)))")
    }
}
