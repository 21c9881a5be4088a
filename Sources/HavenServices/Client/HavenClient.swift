import Foundation
import HTTPClient

/// A client of Haven's HTTP API, used by the CLI, the demo and job runners alike.
public struct HavenClient: Sendable {
    public let baseURL: String
    let token: String?
    let http: HTTPClient

    /// Talks to the server at `baseURL` (for example `http://127.0.0.1:8080`) as the holder of `token`.
    public init(baseURL: String, token: String?, caCertificatePath: String? = nil) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.token = token
        var configuration = HTTPClientConfiguration()
        configuration.caCertificatePath = caCertificatePath
        self.http = HTTPClient(configuration: configuration)
    }

    /// The same server as another principal.
    public func with(token: String) -> HavenClient {
        HavenClient(baseURL: baseURL, token: token, http: http)
    }

    /// The same principal at another server address.
    public func rebased(on baseURL: String) -> HavenClient {
        HavenClient(baseURL: baseURL, token: token, http: http)
    }

    init(baseURL: String, token: String?, http: HTTPClient) {
        self.baseURL = baseURL
        self.token = token
        self.http = http
    }

    public func get<Response: Decodable>(_ path: String, as type: Response.Type = Response.self) async throws
        -> Response
    {
        try decode(try await send("GET", path, body: nil))
    }

    public func post<Body: Encodable, Response: Decodable>(
        _ path: String, _ body: Body, as type: Response.Type = Response.self
    ) async throws -> Response {
        try decode(
            try await send("POST", path, body: try APIJSON.encoder().encode(body), contentType: "application/json"))
    }

    /// Uploads raw bytes with their SHA-256 so that the server can check them.
    public func put<Response: Decodable>(
        _ path: String, data: Data, sha256: String?, as type: Response.Type = Response.self
    ) async throws -> Response {
        var headers: [String: String] = [:]
        if let sha256 { headers["X-Haven-SHA256"] = sha256 }
        return try decode(
            try await send("PUT", path, body: data, contentType: "application/octet-stream", headers: headers))
    }

    /// Raw response bytes, for object downloads and exports.
    public func data(_ path: String) async throws -> Data {
        try await send("GET", path, body: nil).body
    }

    func send(
        _ method: String, _ path: String, body: Data?, contentType: String? = nil, headers extra: [String: String] = [:]
    ) async throws -> HTTPClientResponse {
        var headers = extra
        if let token { headers["Authorization"] = "Bearer " + token }
        if let contentType { headers["Content-Type"] = contentType }
        guard let url = URL(string: baseURL + path) else {
            throw HavenClientError.badResponse(
                "`\(baseURL + path)` is not a valid URL; check --url and the names given")
        }
        let request = HTTPClientRequest(method: method, url: url, headers: headers, body: body, timeout: .seconds(300))
        let response: HTTPClientResponse
        do {
            response = try await http.send(request)
        } catch {
            let reason = (error as? HTTPClientError)?.message ?? "\(error)"
            throw HavenClientError.unreachable(url: baseURL, reason: reason)
        }
        guard (200..<300).contains(response.status) else {
            throw HavenClientError.from(response)
        }
        return response
    }

    func decode<Response: Decodable>(_ response: HTTPClientResponse) throws -> Response {
        do {
            return try APIJSON.decoder().decode(Response.self, from: response.body)
        } catch {
            throw HavenClientError.badResponse("the server's answer could not be read: \(error)")
        }
    }
}
