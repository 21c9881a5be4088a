/// An error a handler throws to answer with an HTTP error status.
///
/// The server writes it as `{"error": {"code": ..., "message": ..., "request_id": ...}}`. The message
/// is sent to the client, so it must say what was wrong and how to fix it, and never hold a secret.
public struct HTTPError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status code, 400 to 599.
    public var status: Int
    /// A stable, machine-readable code such as `not_found`.
    public var code: String
    /// A sentence for a person.
    public var message: String
    /// Extra response headers, such as `Allow` or `WWW-Authenticate`.
    public var headers: [String: String]
    public var file: String
    public var line: Int

    /// Makes an error; `file` and `line` default to the caller's location.
    public init(
        status: Int, code: String, message: String, headers: [String: String] = [:], file: String = #fileID,
        line: Int = #line
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers
        self.file = file
        self.line = line
    }

    public var description: String { "\(status) \(code): \(message) (at \(file):\(line))" }

    /// 400 `bad_request`: the request is malformed; `message` says how.
    public static func badRequest(_ message: String, file: String = #fileID, line: Int = #line) -> HTTPError {
        HTTPError(status: 400, code: "bad_request", message: message, file: file, line: line)
    }

    /// 401 `unauthorized`: no valid credentials came with the request.
    public static func unauthorized(
        _ message: String = "authentication required", file: String = #fileID, line: Int = #line
    ) -> HTTPError {
        HTTPError(status: 401, code: "unauthorized", message: message, file: file, line: line)
    }

    /// 403 `forbidden`: the caller is known but may not do this.
    public static func forbidden(_ message: String, file: String = #fileID, line: Int = #line) -> HTTPError {
        HTTPError(status: 403, code: "forbidden", message: message, file: file, line: line)
    }

    /// 404 `not_found`: the resource does not exist (or the caller may not know it does).
    public static func notFound(_ message: String, file: String = #fileID, line: Int = #line) -> HTTPError {
        HTTPError(status: 404, code: "not_found", message: message, file: file, line: line)
    }

    /// 409 `conflict`: the request contradicts the resource's current state.
    public static func conflict(_ message: String, file: String = #fileID, line: Int = #line) -> HTTPError {
        HTTPError(status: 409, code: "conflict", message: message, file: file, line: line)
    }

    /// 413 `payload_too_large`: the body is over the server's limit.
    public static func payloadTooLarge(_ message: String, file: String = #fileID, line: Int = #line) -> HTTPError {
        HTTPError(status: 413, code: "payload_too_large", message: message, file: file, line: line)
    }

    /// 503 `unavailable`: a dependency is down or the server is shutting down; retrying later may work.
    public static func unavailable(_ message: String, file: String = #fileID, line: Int = #line) -> HTTPError {
        HTTPError(status: 503, code: "unavailable", message: message, file: file, line: line)
    }

    /// 405 `method_not_allowed`, with the `Allow` header listing what the path accepts.
    static func methodNotAllowed(_ method: String, _ path: String, allowed: [String]) -> HTTPError {
        let allow = allowed.joined(separator: ", ")
        return HTTPError(
            status: 405, code: "method_not_allowed", message: "\(path) does not accept \(method); use one of \(allow)",
            headers: ["Allow": allow])
    }

    /// 500 `internal_error`; the detail goes to the log, never to the client.
    static let internalError = HTTPError(status: 500, code: "internal_error", message: "internal error")
}
