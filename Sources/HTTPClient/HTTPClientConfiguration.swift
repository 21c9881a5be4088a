/// How an ``HTTPClient`` connects; the defaults suit a public HTTPS endpoint.
public struct HTTPClientConfiguration: Sendable {
    /// A PEM file of CA certificates to trust instead of the system store; nil uses the system store.
    public var caCertificatePath: String?

    /// Whether to verify the server's certificate chain and host name. Default true; turn off only for tests.
    public var verifyPeer: Bool

    /// A Unix domain socket to connect through instead of TCP; the URL still supplies host and path.
    public var unixSocketPath: String?

    /// The `User-Agent` header sent unless a request sets its own.
    public var userAgent: String

    /// How long to wait for a connection (TCP and TLS handshake). Default 10 seconds.
    public var connectTimeout: Duration

    /// Makes a configuration; every parameter has a documented default.
    public init(
        caCertificatePath: String? = nil, verifyPeer: Bool = true, unixSocketPath: String? = nil,
        userAgent: String = "haven/\(HTTPClient.version)", connectTimeout: Duration = .seconds(10)
    ) {
        self.caCertificatePath = caCertificatePath
        self.verifyPeer = verifyPeer
        self.unixSocketPath = unixSocketPath
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
    }
}
