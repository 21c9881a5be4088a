import Foundation
import HTTPClient

extension HavenClient {
    /// What a download wrote: the status, the object's recorded SHA-256 and size, and the bytes written.
    public struct Download: Sendable {
        public var status: Int
        public var sha256: String?
        /// The whole object's size, which a streamed body does not announce otherwise.
        public var size: Int64?
        public var contentRange: String?
        public var bytes: Int64
    }

    /// Uploads `file` to `path`, streamed from disk, with its SHA-256 so that the server checks the bytes.
    public func upload<Response: Decodable>(
        _ path: String, file: URL, sha256: String, headers extra: [String: String] = [:],
        progress: (@Sendable (HTTPTransferProgress) -> Void)? = nil, as type: Response.Type = Response.self
    ) async throws -> Response {
        var request = try objectRequest("PUT", path, headers: extra)
        request.progress = progress
        request.headers["X-Haven-SHA256"] = sha256
        request.headers["Content-Type"] = "application/octet-stream"
        let response = try await perform(request) { try await http.upload($0, from: file) }
        do {
            return try APIJSON.decoder().decode(Response.self, from: response.body)
        } catch {
            throw HavenClientError.badResponse("the server's answer could not be read: \(error)")
        }
    }

    /// Downloads `path` into `file`, streamed to disk; `range` is a `Range` header value such as `bytes=0-99`.
    public func downloadObject(
        _ path: String, to file: URL, range: String? = nil, headers extra: [String: String] = [:],
        progress: (@Sendable (HTTPTransferProgress) -> Void)? = nil
    ) async throws -> Download {
        var request = try objectRequest("GET", path, headers: extra)
        request.progress = progress
        if let range { request.headers["Range"] = range }
        let response = try await perform(request, errorIn: file) { try await http.download($0, to: file) }
        let size = ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int64) ?? 0
        return Download(
            status: response.status, sha256: response.headers["x-haven-sha256"],
            size: response.headers["x-haven-size"].flatMap { Int64($0) },
            contentRange: response.headers["content-range"], bytes: size)
    }

    /// Sends `method` to `path` with extra headers (such as `X-Haven-Grant`) and returns the raw answer.
    public func request(
        _ method: String, _ path: String, headers extra: [String: String] = [:]
    ) async throws -> HTTPClientResponse {
        let request = try objectRequest(method, path, headers: extra)
        return try await perform(request) { try await http.send($0) }
    }

    private func objectRequest(
        _ method: String, _ path: String, headers extra: [String: String]
    ) throws -> HTTPClientRequest {
        var headers = extra
        if let token, headers["X-Haven-Grant"] == nil { headers["Authorization"] = "Bearer " + token }
        guard let url = URL(string: baseURL + path) else {
            throw HavenClientError.badResponse(
                "`\(baseURL + path)` is not a valid URL; check --url and the names given")
        }
        return HTTPClientRequest(method: method, url: url, headers: headers, timeout: .seconds(24 * 3600))
    }

    /// Runs `transfer`; an error status becomes a ``HavenClientError`` read from the body, or from `errorIn` for a
    /// download, whose body went to that file (which is then removed).
    private func perform(
        _ request: HTTPClientRequest, errorIn file: URL? = nil,
        _ transfer: (HTTPClientRequest) async throws -> HTTPClientResponse
    ) async throws -> HTTPClientResponse {
        let response: HTTPClientResponse
        do {
            response = try await transfer(request)
        } catch {
            let reason = (error as? HTTPClientError)?.message ?? "\(error)"
            throw HavenClientError.unreachable(url: baseURL, reason: reason)
        }
        guard (200..<300).contains(response.status) else {
            var failed = response
            if let file, let handle = try? FileHandle(forReadingFrom: file) {
                failed.body = (try? handle.read(upToCount: 4096)) ?? Data()
                try? handle.close()
                try? FileManager.default.removeItem(at: file)
            }
            throw HavenClientError.from(failed)
        }
        return response
    }
}
