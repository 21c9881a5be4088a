/// How far a transfer has got, as curl reports it.
public struct HTTPTransferProgress: Sendable {
    /// Request body bytes sent so far.
    public var sent: Int64
    /// The request body's size, or 0 when unknown.
    public var sendTotal: Int64
    /// Response body bytes received so far.
    public var received: Int64
}
