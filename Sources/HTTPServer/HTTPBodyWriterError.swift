/// Why a streamed body cannot take more: its connection closed before the body was complete.
public struct HTTPBodyWriterError: Error, Sendable, CustomStringConvertible {
    public var description: String {
        "the client closed the connection or the server stopped before the response body was complete"
    }
}
