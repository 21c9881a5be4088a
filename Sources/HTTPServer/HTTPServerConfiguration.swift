import Foundation

/// Where and how an ``HTTPServer`` listens; every field has a documented default.
public struct HTTPServerConfiguration: Sendable {
    /// The numeric IPv4 or IPv6 address to bind. Default `127.0.0.1`, reachable from this machine only.
    public var host = "127.0.0.1"

    /// The TCP port; 0 lets the system pick a free one, which ``HTTPServer/port`` then reports. Default 8080.
    public var port = 8080

    /// The largest request body accepted; larger ones get 413 before they are read. Default 1 MiB.
    public var maximumBodyBytes = 1 << 20

    /// Where streamed request bodies are staged (see ``Router/addStreamed(_:_:admit:_:)``). Default: a
    /// `haven-uploads` folder in the system's temporary folder.
    public var uploadStagingDirectory = FileManager.default.temporaryDirectory.appending(path: "haven-uploads")

    /// The largest streamed request body accepted. Default 1 TiB.
    public var maximumStreamedBodyBytes: Int64 = 1 << 40

    /// How many threads accept connections and run the blocking side of requests. Default 8.
    public var threads = 8

    /// A PEM certificate (chain) to serve HTTPS with; set together with ``tlsKeyPath`` or not at all.
    public var tlsCertificatePath: String? = nil

    /// The PEM private key for ``tlsCertificatePath``.
    public var tlsKeyPath: String? = nil

    /// How long ``HTTPServer/shutdown()`` lets in-flight requests run before stopping anyway. Default 30 s.
    public var drainTimeout: Duration = .seconds(30)

    /// How long an idle connection stays open. Default 60 s.
    public var idleTimeout: Duration = .seconds(60)

    /// Makes the default configuration; set fields afterwards.
    public init() {}
}
