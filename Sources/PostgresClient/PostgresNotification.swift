/// One `NOTIFY` delivered to a listening session.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel the notification was sent on.
    public var channel: String
    /// The payload exactly as sent; empty when none was given.
    public var payload: String

    public init(channel: String, payload: String) {
        self.channel = channel
        self.payload = payload
    }
}
