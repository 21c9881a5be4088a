import Foundation
import HTTPClient
import HavenCore

/// A DICOMweb client on libcurl: QIDO-RS search, WADO-RS retrieve of whole series as multipart bodies streamed to
/// files, and STOW-RS store. Every request goes to the configured base URL: retrieve URLs a server hands back are
/// rebased onto it, never followed as given.
public struct DICOMwebClient: Sendable {
    public let endpoint: DICOMwebEndpoint
    let http: HTTPClient

    public init(endpoint: DICOMwebEndpoint, http: HTTPClient = HTTPClient()) {
        self.endpoint = endpoint
        self.http = http
    }

    /// The media types asked for on retrieve, best first; the next is tried when a server refuses one.
    static let retrieveMediaTypes = [
        "multipart/related; type=\"application/dicom\"; transfer-syntax=*",
        "multipart/related; type=\"application/dicom\"",
        "multipart/related; type=application/dicom",
    ]

    /// Statuses with which a server says it cannot give the asked-for media type.
    static let refusedMediaType: Set<Int> = [400, 406, 415, 501]

    // MARK: QIDO-RS

    /// Studies matching `keys` (attribute keywords or `gggg,eeee` tags with DICOM matching values).
    public func searchStudies(_ keys: [String: String] = [:], limit: Int? = nil) async throws -> [DICOMAttributes] {
        var query = keys
        if let limit { query["limit"] = String(limit) }
        return try await search("/studies", query)
    }

    /// The series of `study` matching `keys`.
    public func searchSeries(study: String, _ keys: [String: String] = [:]) async throws -> [DICOMAttributes] {
        try await search("/studies/\(try Self.uid(study))/series", keys)
    }

    /// The instances of one series matching `keys`.
    public func searchInstances(
        study: String, series: String, _ keys: [String: String] = [:]
    ) async throws -> [DICOMAttributes] {
        try await search("/studies/\(try Self.uid(study))/series/\(try Self.uid(series))/instances", keys)
    }

    private func search(_ path: String, _ keys: [String: String]) async throws -> [DICOMAttributes] {
        var components = URLComponents(url: endpoint.baseURL.appending(path: path), resolvingAgainstBaseURL: false)
        if !keys.isEmpty {
            components?.queryItems = keys.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        }
        guard let url = components?.url else { throw DICOMwebError.badResponse("cannot form a query for \(path)") }
        let response = try await send(HTTPClientRequest(url: url, headers: ["Accept": "application/dicom+json"]))
        if response.status == 204 { return [] }
        try Self.expectSuccess(response, "search \(path)")
        return try DICOMAttributes.list(from: response.body)
    }

    // MARK: WADO-RS

    /// Retrieves a whole series into `folder`, one file per instance; returns the files in the order received.
    public func retrieveSeries(study: String, series: String, into folder: URL) async throws -> [URL] {
        let url = endpoint.baseURL.appending(path: "/studies/\(try Self.uid(study))/series/\(try Self.uid(series))")
        return try await retrieve(url, into: folder)
    }

    /// Retrieves what a server-given retrieve URL names, after rebasing it onto the configured base URL.
    public func retrieve(serverURL: String, into folder: URL) async throws -> [URL] {
        try await retrieve(try rebase(serverURL), into: folder)
    }

    /// `serverURL`'s part from `/studies/` on, placed under the configured base URL; its scheme, host, port,
    /// credentials, query and any path before `/studies/` are dropped.
    public func rebase(_ serverURL: String) throws -> URL {
        guard let components = URLComponents(string: serverURL), let range = components.path.range(of: "/studies/")
        else {
            throw DICOMwebError.badResponse("retrieve URL `\(serverURL)` names no study; expected …/studies/UID…")
        }
        let resource = components.path[range.lowerBound...]
        let allowed = CharacterSet(charactersIn: "0123456789./").union(.letters)
        guard resource.unicodeScalars.allSatisfy(allowed.contains), !resource.contains("..") else {
            throw DICOMwebError.badResponse("retrieve URL `\(serverURL)` has a path Haven does not follow")
        }
        return endpoint.baseURL.appending(path: String(resource))
    }

    private func retrieve(_ url: URL, into folder: URL) async throws -> [URL] {
        let body = folder.appending(path: ".retrieve-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: body) }
        var last: HTTPClientResponse?
        for mediaType in Self.retrieveMediaTypes {
            let request = HTTPClientRequest(url: url, headers: ["Accept": mediaType], timeout: .seconds(600))
            let response = try await download(request, to: body)
            if Self.refusedMediaType.contains(response.status) {
                last = response
                continue
            }
            try Self.expectSuccess(response, "retrieve \(url.path)")
            return try MultipartFiles.split(body, contentType: response.header("content-type") ?? "", into: folder)
        }
        throw DICOMwebError.status(last?.status ?? 406, "retrieve \(url.path) in every DICOM media type Haven asks for")
    }

    // MARK: STOW-RS

    /// Stores `files` in one request; throws naming how many the server refused.
    public func store(_ files: [URL]) async throws {
        guard !files.isEmpty else { return }
        let boundary = "haven-" + UUID().uuidString
        let body = try MultipartFiles.body(files, boundary: boundary)
        let request = HTTPClientRequest(
            method: "POST", url: endpoint.baseURL.appending(path: "/studies"),
            headers: [
                "Content-Type": "multipart/related; type=\"application/dicom\"; boundary=\(boundary)",
                "Accept": "application/dicom+json",
            ], body: body, timeout: .seconds(600))
        let response = try await send(request)
        try Self.expectSuccess(response, "store \(files.count) instance(s)")
        let answer = try DICOMAttributes.list(from: Data("[".utf8) + response.body + Data("]".utf8)).first
        let failed = answer?.values[DICOMTag(0x0008, 0x1198)]?.count ?? 0
        guard response.status == 200, failed == 0 else {
            throw DICOMwebError.status(response.status, "store: \(failed) of \(files.count) instance(s) refused")
        }
    }

    // MARK: Transport

    private func send(_ request: HTTPClientRequest) async throws -> HTTPClientResponse {
        do {
            return try await http.send(authorized(request))
        } catch let error as HTTPClientError {
            throw DICOMwebError.unreachable("\(error.message) (\(error.url))")
        }
    }

    private func download(_ request: HTTPClientRequest, to file: URL) async throws -> HTTPClientResponse {
        do {
            return try await http.download(authorized(request), to: file)
        } catch let error as HTTPClientError {
            throw DICOMwebError.unreachable("\(error.message) (\(error.url))")
        }
    }

    private func authorized(_ request: HTTPClientRequest) -> HTTPClientRequest {
        var request = request
        if let username = endpoint.username {
            let pair = Data((username + ":" + (endpoint.password ?? "")).utf8).base64EncodedString()
            request.headers["Authorization"] = "Basic " + pair
        }
        return request
    }

    static func expectSuccess(_ response: HTTPClientResponse, _ what: String) throws {
        guard (200..<300).contains(response.status) else { throw DICOMwebError.status(response.status, what) }
    }

    /// A UID safe to put in a path: digits and dots only.
    static func uid(_ text: String) throws -> String {
        guard !text.isEmpty, text.count <= 64, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else {
            throw DICOMwebError.invalidEndpoint("`\(text)` is not a DICOM UID; a UID is digits and dots, 64 at most")
        }
        return text
    }
}
