import Foundation
import HTTPClient
import HavenTestSupport
import Testing

/// `haven serve` with no configuration: it creates and starts its own PostgreSQL, and a second start reuses it.
@Suite(.timeLimit(.minutes(5))) struct ServeTests {
    /// A running `haven serve` and what it printed.
    final class Server: @unchecked Sendable {
        // Safe: `output` is only touched under `lock`.
        let process = Process()
        private let lock = NSLock()
        private var output = ""

        init(home: URL, environment extra: [String: String] = [:]) throws {
            process.executableURL = Repository.havenExecutable
            process.arguments = ["serve", "--port", "0"]
            let base = ["HAVEN_HOME": home.path, "HAVEN_LOG_LEVEL": "warning"]
            process.environment = HavenProcess.environment(base.merging(extra) { _, given in given })
            process.currentDirectoryURL = Repository.root
            let pipe = Pipe()
            process.standardOutput = pipe
            pipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let text = String(decoding: handle.availableData, as: UTF8.self)
                self?.lock.withLock { self?.output += text }
            }
            try process.run()
        }

        var printed: String { lock.withLock { output } }

        /// Waits for the "serving at" line and returns the URL in it.
        func url() async throws -> String {
            for _ in 0..<600 {
                if let line = printed.split(separator: "\n").first(where: { $0.hasPrefix("Haven is serving at ") }) {
                    return String(line.dropFirst("Haven is serving at ".count))
                }
                guard process.isRunning else { throw TestFailure("haven serve exited: \(printed)") }
                try await Task.sleep(for: .milliseconds(100))
            }
            throw TestFailure("haven serve printed no address in 60 s: \(printed)")
        }

        func terminate() async -> Int32 {
            process.terminate()
            return await ChildProcess.waitForExit(process)
        }
    }

    func get(_ url: String, token: String?) async throws -> Int {
        let headers = token.map { ["Authorization": "Bearer " + $0] } ?? [:]
        let request = HTTPClientRequest(
            method: "GET", url: try #require(URL(string: url)), headers: headers, body: nil, timeout: .seconds(10))
        return try await HTTPClient().send(request).status
    }

    @Test func serveStartsEmbeddedPostgresAndReusesItOnTheSecondStart() async throws {
        let home = try Repository.temporaryFolder("serve")

        let first = try Server(home: home)
        let firstURL: String
        do {
            firstURL = try await first.url()
        } catch {
            _ = await first.terminate()
            throw error
        }
        let lines = first.printed.split(separator: "\n")
        let tokenLine = try #require(lines.firstIndex { $0.contains("the admin token is below") })
        let token = String(lines[tokenLine + 1])
        #expect(token.hasPrefix("hvn_"))
        #expect(try await get(firstURL + "/readyz", token: nil) == 200)
        #expect(try await get(firstURL + "/v1/users", token: token) == 200)
        #expect(await first.terminate() == 0)
        // A clean stop of the cluster this process started removes the server's pid file.
        let pidFile = home.appending(path: "postgres/data/postmaster.pid")
        #expect(!FileManager.default.fileExists(atPath: pidFile.path))

        let second = try Server(home: home)
        let secondURL: String
        do {
            secondURL = try await second.url()
        } catch {
            _ = await second.terminate()
            throw error
        }
        #expect(!second.printed.contains("admin token"))
        #expect(try await get(secondURL + "/v1/users", token: token) == 200)
        #expect(try await get(secondURL + "/v1/users", token: "hvn_wrong") == 401)
        #expect(await second.terminate() == 0)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
