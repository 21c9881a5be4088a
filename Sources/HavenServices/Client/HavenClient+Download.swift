import Foundation
import HTTPClient

extension HavenClient {
    /// Streams the body of `GET path` into `file`, so that a large export never sits in memory; the file is
    /// replaced only once the whole body has arrived, and is left as it was when anything fails.
    ///
    /// - Returns: the body's size in bytes.
    /// - Throws: ``HavenClientError`` for an error answer, a server out of reach or a transfer cut short.
    public func download(_ path: String, to file: URL) async throws -> Int64 {
        guard let url = URL(string: baseURL + path) else {
            throw HavenClientError.badResponse(
                "`\(baseURL + path)` is not a valid URL; check --url and the names given")
        }
        // Beside the target, so that the final rename stays on one file system and replaces it in one step.
        let partial = file.deletingLastPathComponent().appending(
            path: ".\(file.lastPathComponent).partial-\(UUID().uuidString.lowercased())")
        defer { try? FileManager.default.removeItem(at: partial) }

        var headers: [String: String] = [:]
        if let token { headers["Authorization"] = "Bearer " + token }
        let request = HTTPClientRequest(method: "GET", url: url, headers: headers, body: nil, timeout: .seconds(3600))
        let response: HTTPClientResponse
        do {
            response = try await http.download(request, to: partial)
        } catch {
            let reason = (error as? HTTPClientError)?.message ?? "\(error)"
            throw HavenClientError.unreachable(url: baseURL, reason: reason)
        }
        guard (200..<300).contains(response.status) else {
            let body = (try? Data(contentsOf: partial)) ?? Data()
            throw HavenClientError.from(
                HTTPClientResponse(status: response.status, headers: response.headers, body: body))
        }

        let size = (try? FileManager.default.attributesOfItem(atPath: partial.path)[.size] as? NSNumber)??.int64Value
        guard rename(partial.path, file.path) == 0 else {
            throw HavenClientError.badResponse(
                "cannot write \(file.path); check that its folder exists and is writable")
        }
        return size ?? 0
    }
}
