import Foundation
import HTTPClient

/// Objects in a bucket of an S3-compatible store, addressed path-style (`ENDPOINT/BUCKET/KEY`) and signed with
/// AWS Signature Version 4 by libcurl. An S3 PUT is atomic: the object appears whole or not at all.
struct S3Backend: StorageBackend {
    /// The kind's settings, stored with the endpoint; none of them is secret.
    struct Settings: Codable, Sendable, Equatable {
        /// The service's base URL, such as `https://s3.eu-west-1.amazonaws.com` or `http://127.0.0.1:9000`.
        var url: String
        var bucket: String
        var region: String
        /// Prepended to every object path, such as `haven/` (may be empty).
        var prefix: String
    }

    /// The key pair, sealed in the database and opened only in the server's memory.
    struct Credentials: Codable, Sendable {
        var accessKeyID: String
        var secretAccessKey: String
    }

    let settings: Settings
    let credentials: Credentials
    /// Where byte ranges are spooled on their way to a client.
    let spoolDirectory: URL
    let client: HTTPClient

    /// The SHA-256 of an empty payload, which signed GET, HEAD and DELETE requests declare.
    static let emptySHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    func publish(_ staged: URL, as path: String, size: Int64, sha256: String) async throws(StorageError) {
        let existing = try await send("HEAD", path)
        guard existing.status == 404 else {
            throw existing.status == 200
                ? StorageError(.exists, path: path, "the bucket already holds that key")
                : refusal(existing, path)
        }
        var request = request("PUT", path)
        request.headers["x-amz-content-sha256"] = sha256
        request.headers["Content-Type"] = "application/octet-stream"
        request.timeout = .seconds(3600)
        let response: HTTPClientResponse
        do {
            response = try await client.upload(request, from: staged)
        } catch {
            throw StorageError(.unavailable, path: path, "the S3 endpoint could not be reached: \(error)")
        }
        guard response.status == 200 else { throw refusal(response, path) }
    }

    func open(_ path: String, range: Range<Int64>) async throws(StorageError) -> ObjectReader {
        let spool = spoolDirectory.appending(path: UUID().uuidString)
        var request = request("GET", path)
        if !range.isEmpty { request.headers["Range"] = "bytes=\(range.lowerBound)-\(range.upperBound - 1)" }
        request.timeout = .seconds(3600)
        let status: Int
        do {
            try FileManager.default.createDirectory(at: spoolDirectory, withIntermediateDirectories: true)
            let response = try await client.download(request, to: spool)
            status = response.status
            guard status == 200 || status == 206 else {
                unlink(spool.path)
                throw status == 404
                    ? StorageError(.missing, path: path, "the bucket has no such key") : refusal(response, path)
            }
        } catch let error as StorageError {
            throw error
        } catch {
            unlink(spool.path)
            throw StorageError(.unavailable, path: path, "the S3 endpoint could not be reached: \(error)")
        }
        // A 200 carries the whole object (a store may ignore Range); a 206 only the range.
        let spooled = status == 206 ? 0..<Int64(range.count) : range
        return try ObjectReader(file: spool, range: spooled, spool: spool)
    }

    func remove(_ path: String) async throws(StorageError) {
        let response = try await send("DELETE", path)
        guard response.status == 204 || response.status == 200 || response.status == 404 else {
            throw refusal(response, path)
        }
    }

    private func send(_ method: String, _ path: String) async throws(StorageError) -> HTTPClientResponse {
        do {
            return try await client.send(request(method, path))
        } catch {
            throw StorageError(.unavailable, path: path, "the S3 endpoint could not be reached: \(error)")
        }
    }

    private func request(_ method: String, _ path: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(method: method, url: url(for: path))
        request.headers["x-amz-content-sha256"] = Self.emptySHA256
        request.awsSignature = AWSSignature(
            accessKeyID: credentials.accessKeyID, secretAccessKey: credentials.secretAccessKey,
            region: settings.region)
        return request
    }

    /// `URL/BUCKET/PREFIXPATH`, with `+` and `=` escaped; object paths allow no other character that needs it.
    func url(for path: String) -> URL {
        let key = (settings.prefix + path).replacingOccurrences(of: "+", with: "%2B")
            .replacingOccurrences(of: "=", with: "%3D")
        let base = settings.url.hasSuffix("/") ? String(settings.url.dropLast()) : settings.url
        return URL(string: "\(base)/\(settings.bucket)/\(key)")!
    }

    private func refusal(_ response: HTTPClientResponse, _ path: String) -> StorageError {
        let code = Self.errorCode(in: response.body) ?? "no error code"
        return StorageError(.unavailable, path: path, "the S3 endpoint answered \(response.status) (\(code))")
    }

    /// The `<Code>` of an S3 error document, which names the problem without echoing credentials.
    static func errorCode(in body: Data) -> String? {
        let text = String(decoding: body.prefix(4096), as: UTF8.self)
        guard let start = text.range(of: "<Code>"),
            let end = text.range(of: "</Code>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
