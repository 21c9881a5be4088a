/// A response body produced while it is sent, so that a large body never sits in memory whole.
///
/// The server runs `produce` as a task once the headers are queued. Each ``HTTPBodyWriter/write(_:)`` suspends
/// while the server holds ``highWater`` bytes not yet sent, so memory stays bounded by that and one piece.
/// Status and headers are sent before the body, so a producer that throws cannot change them: the server
/// then ends the body early (chunked encoding without its last chunk), which clients see as an error.
public struct HTTPBodyStream: Sendable {
    /// How many unsent bytes the server holds before a write waits. Default 1 MiB.
    public var highWater: Int
    /// Writes the body through the writer, piece by piece; returning ends the body.
    public let produce: @Sendable (HTTPBodyWriter) async throws -> Void

    /// Makes a stream whose pieces come from `produce`.
    public init(highWater: Int = 1 << 20, _ produce: @escaping @Sendable (HTTPBodyWriter) async throws -> Void) {
        self.highWater = max(1, highWater)
        self.produce = produce
    }
}
