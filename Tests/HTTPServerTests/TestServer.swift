import Foundation
import HTTPClient
import HTTPServer
import HavenLogging
import Synchronization
import Testing

/// A server on a free loopback port with the routes the tests talk to, and a client for it.
struct TestServer {
    struct Greeting: Codable {
        var name: String
    }

    struct Reply: Codable {
        var greeting: String
        var sentAt: Date
    }

    struct Failure: Error {}

    let server: HTTPServer
    let client: HTTPClient
    let scheme: String

    /// Makes and starts the server; `configure` adjusts the configuration, `extra` adds routes.
    init(
        logger: Logger = .disabled, client: HTTPClientConfiguration = .init(),
        configure: (inout HTTPServerConfiguration) -> Void = { _ in },
        extra: (inout Router) -> Void = { _ in }
    ) throws {
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.threads = 4
        configuration.maximumBodyBytes = 1024
        configure(&configuration)

        var router = Router()
        router.add("GET", "/ok") { _ in .text("ok") }
        router.add("POST", "/greet") { request in
            let greeting = try request.decode(Greeting.self)
            // 2026-01-01T00:00:00Z, a fixed instant so the encoded date can be written out by hand.
            return .json(Reply(greeting: "hello \(greeting.name)", sentAt: Date(timeIntervalSince1970: 1_767_225_600)))
        }
        router.add("POST", "/echo") { request in HTTPResponse(status: 200, body: request.body) }
        router.add("GET", "/fail") { _ in throw Failure() }
        router.add("GET", "/projects/:id") { request in .text(request.pathParameters["id"] ?? "") }
        extra(&router)

        server = try HTTPServer(configuration: configuration, router: router, logger: logger)
        try server.start()
        self.client = HTTPClient(configuration: client)
        scheme = configuration.tlsCertificatePath == nil ? "http" : "https"
    }

    func url(_ path: String) -> URL {
        URL(string: "\(scheme)://127.0.0.1:\(server.port)\(path)")!
    }

    func send(
        _ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:]
    ) async throws -> HTTPClientResponse {
        try await client.send(HTTPClientRequest(method: method, url: url(path), headers: headers, body: body))
    }

    /// The response body parsed as a JSON object.
    static func object(_ response: HTTPClientResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: response.body) as? [String: Any])
    }

    /// The `error` object of an error response.
    static func errorObject(_ response: HTTPClientResponse) throws -> [String: Any] {
        try #require(try object(response)["error"] as? [String: Any])
    }

    /// Checks that the server still answers a plain request after whatever came before.
    func expectStillServing() async throws {
        let response = try await send("GET", "/ok")
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "ok")
    }
}

/// Log lines written by a server under test.
final class CapturedLog: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger {
        Logger(
            label: "test",
            sink: LogSink(level: .trace, format: .json) { line in self.lines.withLock { $0.append(line) } })
    }

    var all: [String] { lines.withLock { $0 } }
}
