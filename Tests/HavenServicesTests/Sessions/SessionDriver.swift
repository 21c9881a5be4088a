import Foundation
import HavenCore
import HavenServices

#if canImport(Glibc)
    import Glibc
#endif

/// What the session tests do as a requester: start a session, wait for it, and talk to a shell through its
/// gateway the way `haven session connect` does.
enum SessionDriver {
    /// Starts a session of `app` on the `local` pool and waits until it can be connected to, or has ended.
    static func start(
        _ app: SessionApp = .shell, hours: Double = 1, as client: HavenClient
    ) async throws -> SessionAPI.View {
        let started: SessionAPI.View = try await client.post(
            "/v1/projects/spine-ct/sessions", SessionAPI.Start(app: app, pool: "local", hours: hours))
        return try await until(started.id, as: client) { $0.ready || $0.state.isFinal }
    }

    /// Polls the session until `done` holds; the suite's time limit bounds the wait.
    static func until(
        _ id: String, as client: HavenClient, _ done: (SessionAPI.View) -> Bool
    ) async throws -> SessionAPI.View {
        while true {
            let session: SessionAPI.View = try await client.get("/v1/sessions/" + id)
            if done(session) { return session }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Opens a connection through `tunnel`, types `input` into the shell and returns everything the shell wrote
    /// until it closed the connection.
    static func converse(_ tunnel: SessionTunnel, _ input: String) async throws -> String {
        try await SessionTunnel.onThread {
            let descriptor = try tunnel.open()
            defer { close(descriptor) }
            let bytes = Array(input.utf8)
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            return readToEnd(descriptor)
        }
    }

    /// Opens a connection through `tunnel`, types `input` into the shell and returns the connection, still open,
    /// once the shell has written `expected`; the caller closes it.
    static func shell(_ tunnel: SessionTunnel, typing input: String, until expected: String) async throws -> Int32 {
        try await SessionTunnel.onThread {
            let descriptor = try tunnel.open()
            let bytes = Array(input.utf8)
            _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            var output: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !String(decoding: output, as: UTF8.self).contains(expected) {
                let count = read(descriptor, &buffer, buffer.count)
                guard count > 0 else {
                    close(descriptor)
                    throw SessionError(
                        "the shell closed before writing `\(expected)`; it wrote: "
                            + String(
                                decoding: output, as: UTF8.self))
                }
                output += buffer[..<count]
            }
            return descriptor
        }
    }

    /// Everything `descriptor` yields until its end.
    static func readToEnd(_ descriptor: Int32) -> String {
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            guard count > 0 else { break }
            output += buffer[..<count]
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension SessionDriver {
    /// The real user ids of the processes whose command line mentions `text`, from `/proc`.
    static func userIDs(ofProcessesMentioning text: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.first?.isNumber == true }.compactMap { entry in
            guard let command = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                String(decoding: command, as: UTF8.self).contains(text),
                let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8)
            else { return nil }
            let line = status.split(separator: "\n").first { $0.hasPrefix("Uid:") }
            return line?.split(whereSeparator: \.isWhitespace).dropFirst().first.map(String.init)
        }
    }

    /// Waits until the session's gateway lets no connection in: its runner has stopped.
    static func waitUntilRefused(_ tunnel: SessionTunnel) async throws {
        while SessionTunnel.isListening(tunnel.address) {
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
