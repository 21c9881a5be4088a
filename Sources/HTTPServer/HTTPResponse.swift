import Foundation

/// What a handler answers with: a status, headers and a body, either bytes or a stream.
public struct HTTPResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Response headers; the server adds `X-Request-ID`, and `Content-Length` for a body of bytes.
    public var headers: [String: String]
    /// The body: bytes in memory, or a stream produced while it is sent.
    public var content: HTTPResponseBody
    /// Why building the response failed (a value that would not encode); the server answers 500 and logs it.
    var failure: String?

    /// Makes a response from its parts.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.content = .bytes(body)
    }

    /// Makes a response whose body `stream` produces while it is sent (chunked transfer encoding).
    public init(status: Int, headers: [String: String] = [:], stream: HTTPBodyStream) {
        self.status = status
        self.headers = headers
        self.content = .stream(stream)
    }

    /// The body's bytes; empty for a streamed body. Setting it makes the body those bytes.
    public var body: Data {
        get {
            guard case .bytes(let bytes) = content else { return Data() }
            return bytes
        }
        set { content = .bytes(newValue) }
    }

    /// A JSON response of `value`, with Swift property names as keys, sorted, and ISO-8601 dates.
    public static func json<T: Encodable>(_ value: T, status: Int = 200) -> HTTPResponse {
        do {
            let body = try JSONCoding.encoder().encode(value)
            return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
        } catch {
            var response = HTTPResponse(status: 500)
            response.failure = String(describing: error)
            return response
        }
    }

    /// A plain-text response in UTF-8.
    public static func text(_ string: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Data(string.utf8))
    }

    /// An empty 204 response.
    public static func noContent() -> HTTPResponse {
        HTTPResponse(status: 204)
    }
}
