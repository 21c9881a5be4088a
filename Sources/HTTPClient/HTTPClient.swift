internal import CCurl
import Foundation

/// An HTTP/1.1 and HTTPS client over libcurl, with bodies in memory or streamed from and to files.
///
/// Each request gets its own curl easy handle and runs, blocking, on a serial dispatch queue of its
/// own, so a slow server never holds a Swift concurrency thread. Serial queues draw on GCD's
/// overcommitting pool, which adds a thread when all are blocked; a shared concurrent queue would
/// be capped near the core count and make concurrent requests wait for each other.
public final class HTTPClient: Sendable {
    /// The version sent in the default `User-Agent`.
    public static let version = "0.1.0"

    public let configuration: HTTPClientConfiguration

    /// Makes a client; it holds no connections between requests.
    public init(configuration: HTTPClientConfiguration = .init()) {
        self.configuration = configuration
    }

    /// Sends `request` with its body from memory and returns the whole response.
    ///
    /// - Throws: ``HTTPClientError`` when no response arrived; an error status is a response.
    public func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        try await perform(request, source: request.body.map(BodySpec.data), destination: nil)
    }

    /// Sends `request` and streams the response body into `file`, replacing it; the returned body is empty.
    ///
    /// The file receives the body whatever the status, so check ``HTTPClientResponse/status`` before using it.
    public func download(_ request: HTTPClientRequest, to file: URL) async throws -> HTTPClientResponse {
        try await perform(request, source: request.body.map(BodySpec.data), destination: file)
    }

    /// Sends `request` with its body streamed from `file` (the request's own `body` is ignored).
    public func upload(_ request: HTTPClientRequest, from file: URL) async throws -> HTTPClientResponse {
        try await perform(request, source: .file(file), destination: nil)
    }

    /// Where a request body comes from, in a form that may cross to the transfer thread.
    enum BodySpec: Sendable {
        case data(Data)
        case file(URL)
    }

    private func perform(
        _ request: HTTPClientRequest, source: BodySpec?, destination: URL?
    ) async throws -> HTTPClientResponse {
        let cancellation = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                DispatchQueue(label: "haven.http-client.transfer").async {
                    continuation.resume(
                        with: Result {
                            try self.performBlocking(
                                request, source: source, destination: destination, cancellation: cancellation)
                        })
                }
            }
        } onCancel: {
            cancellation.cancel()
        }
    }

    private func performBlocking(
        _ request: HTTPClientRequest, source: BodySpec?, destination: URL?, cancellation: CancellationFlag
    ) throws(HTTPClientError) -> HTTPClientResponse {
        let url = Self.redacted(request.url)
        let easy = try CurlEasy(url: url)

        // Files are opened here, on the transfer thread, and closed when the transfer ends.
        let opened = try Self.open(source: source, destination: destination, url: url)
        defer { opened.close() }

        let state = TransferState(
            destination: opened.destination.map(TransferState.Destination.file) ?? .memory,
            source: opened.source, cancellation: cancellation)
        state.progress = request.progress
        try configure(easy, request, bodySize: opened.sourceSize, hasBody: source != nil)

        // curl borrows `state` through these pointers only during perform; withExtendedLifetime keeps it alive.
        let context = Unmanaged.passUnretained(state).toOpaque()
        for option in [CURLOPT_WRITEDATA, CURLOPT_HEADERDATA, CURLOPT_READDATA, CURLOPT_XFERINFODATA] {
            try easy.set(option, pointer: context)
        }
        let (code, detail) = withExtendedLifetime(state) { easy.perform() }

        guard code == CURLE_OK else {
            throw HTTPClientError(curl: code, detail: detail, fileError: state.fileError, url: url)
        }
        return HTTPClientResponse(status: easy.responseCode(), headers: state.headers, body: state.body)
    }

    private func configure(
        _ easy: CurlEasy, _ request: HTTPClientRequest, bodySize: Int?, hasBody: Bool
    ) throws(HTTPClientError) {
        try easy.set(CURLOPT_URL, request.url.absoluteString)
        try easy.set(CURLOPT_NOSIGNAL, 1)
        try easy.set(CURLOPT_NOPROGRESS, 0)
        try easy.set(CURLOPT_TIMEOUT_MS, Self.milliseconds(request.timeout))
        try easy.set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout))
        try easy.set(CURLOPT_USERAGENT, configuration.userAgent)
        try easy.installCallbacks()

        try easy.set(CURLOPT_SSL_VERIFYPEER, configuration.verifyPeer ? 1 : 0)
        try easy.set(CURLOPT_SSL_VERIFYHOST, configuration.verifyPeer ? 2 : 0)
        if let path = configuration.caCertificatePath { try easy.set(CURLOPT_CAINFO, path) }
        if let path = configuration.unixSocketPath { try easy.set(CURLOPT_UNIX_SOCKET_PATH, path) }

        if let signature = request.awsSignature {
            try easy.set(CURLOPT_AWS_SIGV4, signature.curlParameter)
            try easy.set(CURLOPT_USERPWD, signature.accessKeyID + ":" + signature.secretAccessKey)
        }
        try configureMethod(easy, request, bodySize: bodySize, hasBody: hasBody)
        try easy.setHeaders(headerLines(request, hasBody: hasBody))
    }

    private func configureMethod(
        _ easy: CurlEasy, _ request: HTTPClientRequest, bodySize: Int?, hasBody: Bool
    ) throws(HTTPClientError) {
        let method = request.method.uppercased()
        if hasBody || method == "POST" {
            // POST with a read callback sends the body; a chunked header with no size makes curl chunk it.
            try easy.set(CURLOPT_POST, 1)
            if !Self.isChunked(request) { try easy.set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(bodySize ?? 0)) }
        } else if method == "GET" {
            try easy.set(CURLOPT_HTTPGET, 1)
        } else if method == "HEAD" {
            try easy.set(CURLOPT_NOBODY, 1)
        }
        if method != "POST" && method != "GET" && method != "HEAD" {
            try easy.set(CURLOPT_CUSTOMREQUEST, method)
        }
    }

    private func headerLines(_ request: HTTPClientRequest, hasBody: Bool) -> [String] {
        var lines = request.headers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }

        // Without this curl labels a body as a form, which object stores then mangle.
        let named = Set(request.headers.keys.map { $0.lowercased() })
        if hasBody && !named.contains("content-type") { lines.append("Content-Type: application/octet-stream") }
        return lines
    }

    private static func isChunked(_ request: HTTPClientRequest) -> Bool {
        request.headers.contains { $0.key.lowercased() == "transfer-encoding" && $0.value.lowercased() == "chunked" }
    }

    private static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        return max(1, Int(seconds) * 1000 + Int(attoseconds / 1_000_000_000_000_000))
    }

    /// The URL without user, password, query or fragment, safe to put in errors and logs.
    static func redacted(_ url: URL) -> String {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return "(invalid URL)" }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        return components.string ?? "(invalid URL)"
    }
}
