import Foundation

/// The producer's end of a streamed response body (see ``HTTPBodyStream``).
public struct HTTPBodyWriter: Sendable {
    let channel: StreamChannel

    /// Queues `piece` to be sent, first waiting (suspended, not blocking a thread) while the server already holds
    /// as many unsent bytes as the stream allows.
    ///
    /// - Throws: ``HTTPBodyWriterError`` once the client has gone or the server is stopping; stop producing then.
    public func write(_ piece: Data) async throws {
        guard !piece.isEmpty else { return }
        try await channel.write(piece)
    }
}
