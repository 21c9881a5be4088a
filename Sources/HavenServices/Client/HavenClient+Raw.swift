import Foundation

extension HavenClient {
    /// Sends raw bytes with `method` and returns the raw answer, for secret values, which are not JSON.
    public func raw(_ method: String, _ path: String, body: Data? = nil) async throws -> Data {
        let contentType = body == nil ? nil : "application/octet-stream"
        return try await send(method, path, body: body, contentType: contentType).body
    }
}
