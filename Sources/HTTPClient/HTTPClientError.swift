/// Why an HTTP exchange produced no response; an HTTP error status is a response, not this error.
///
/// The description names the URL without its query (presigned URLs carry credentials there) and
/// never includes request headers.
public struct HTTPClientError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this was.
    public enum Code: String, Sendable {
        /// The host could not be resolved or refused the connection.
        case connect
        /// The exchange took longer than the request's timeout or the connect timeout.
        case timeout
        /// The TLS handshake failed, most often because the certificate could not be verified.
        case tls
        /// The connection broke while sending or receiving, or the server answered with something not HTTP.
        case transfer
        /// The request itself could not be sent as given (a malformed URL, an unsupported scheme).
        case invalidRequest
        /// A local file to upload from or download to could not be read or written.
        case file
        /// The task awaiting the response was cancelled.
        case cancelled
        /// Anything else curl reported.
        case other
    }

    public var code: Code
    public var message: String
    /// The request URL without its query and fragment.
    public var url: String
    public var file: String
    public var line: Int

    /// Makes an error; `url` should already be stripped of its query.
    public init(_ code: Code, _ message: String, url: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.url = url
        self.file = file
        self.line = line
    }

    public var description: String { "\(code.rawValue): \(message) (url \(url), at \(file):\(line))" }
}
