import Foundation

/// One outgoing HTTP request.
public struct HTTPClientRequest: Sendable {
    /// The method, such as `GET` or `PUT`.
    public var method: String

    /// The absolute URL, including any query.
    public var url: URL

    /// Headers to send; a header set here replaces the one curl would add (`Content-Type`, `User-Agent`).
    /// Setting `Transfer-Encoding: chunked` sends the body in chunks without a `Content-Length`.
    public var headers: [String: String]

    /// The body to send; nil sends none.
    public var body: Data?

    /// Called on the transfer thread as bytes move (several times a second, and at the end). Default nil.
    public var progress: (@Sendable (HTTPTransferProgress) -> Void)? = nil

    /// Signs the request with AWS Signature Version 4 when set. Default nil.
    public var awsSignature: AWSSignature? = nil

    /// How long the whole exchange may take, connection included. Default 30 seconds.
    public var timeout: Duration

    /// Makes a request; only the URL has no default.
    public init(
        method: String = "GET", url: URL, headers: [String: String] = [:], body: Data? = nil,
        timeout: Duration = .seconds(30)
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
