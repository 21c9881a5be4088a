import Foundation

/// A bare HTTP/1.1 client on a POSIX socket, for what libcurl will not do: leave in the middle of a body.
enum RawHTTP {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Sends `GET path` to 127.0.0.1:`port`, reads at least `bytes` bytes (or until the server closes), then
    /// closes the socket; returns how many bytes arrived. The blocking socket calls run on a queue of their own.
    static func readSomeAndClose(port: Int, path: String, bytes: Int) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "haven.test.raw-http").async {
                continuation.resume(with: Result { try readBlocking(port: port, path: path, bytes: bytes) })
            }
        }
    }

    private static func readBlocking(port: Int, path: String, bytes: Int) throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket() failed") }
        defer { close(socket) }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw Failure(description: "connect() to port \(port) failed") }

        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard send(socket, request, request.count, 0) == request.count else {
            throw Failure(description: "send() failed")
        }
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while total < bytes {
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            total += count
        }
        return total
    }
}
