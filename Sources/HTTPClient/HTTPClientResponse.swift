import Foundation

/// The answer to an ``HTTPClientRequest``; any status counts as an answer, including 4xx and 5xx.
public struct HTTPClientResponse: Sendable {
    /// The HTTP status code of the final response (after any `100 Continue`).
    public var status: Int

    /// Response headers with lowercased names; repeated headers are joined with ", ".
    public var headers: [String: String]

    /// The body; empty for a download, whose body went to the file.
    public var body: Data

    /// Makes a response; for tests and stubs.
    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The header `name`, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
