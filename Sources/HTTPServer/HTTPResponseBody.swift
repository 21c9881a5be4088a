import Foundation

/// What a response sends after its headers: bytes already in memory, or a stream produced while it is sent.
public enum HTTPResponseBody: Sendable {
    /// The whole body, sent with a `Content-Length`.
    case bytes(Data)
    /// A body produced piece by piece as the client takes it, sent with chunked transfer encoding.
    case stream(HTTPBodyStream)
}
