import Foundation

/// One incoming request, with its body read in full.
public struct HTTPRequest: Sendable {
    /// The method in upper case, such as `GET`.
    public let method: String
    /// The percent-decoded path without the query, such as `/v1/projects/42`.
    public let path: String
    /// Query parameters, percent-decoded; the first value wins when a name repeats.
    public let query: [String: String]
    /// Request headers with lowercased names; repeated headers are joined with ", ".
    public let headers: [String: String]
    /// The body bytes, at most ``HTTPServerConfiguration/maximumBodyBytes``.
    public let body: Data
    /// The request's ID, echoed in the `X-Request-ID` response header and on every log line about it.
    public let requestID: String
    /// The peer's numeric IP address.
    public let clientAddress: String
    /// Values of the route pattern's `:name` and `*name` segments.
    public var pathParameters: [String: String]
    /// The body of a streamed route (see ``Router/addStreamed(_:_:admit:_:)``), staged in a file; ``body`` is
    /// then empty.
    public var streamedBody: StreamedBody?

    /// Makes a request; the server builds these, tests may too.
    public init(
        method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
        body: Data = Data(), requestID: String = "test", clientAddress: String = "127.0.0.1",
        pathParameters: [String: String] = [:]
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { $1 })
        self.body = body
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.pathParameters = pathParameters
    }

    /// The header `name`, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// Decodes the JSON body as `type`.
    ///
    /// - Throws: ``HTTPError`` 400 whose message names the problem: the body is empty or not JSON (and where),
    ///   a field is missing, or a field has the wrong type.
    public func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !body.isEmpty else {
            throw HTTPError.badRequest("request body is empty; send a JSON document")
        }

        do {
            return try JSONCoding.decoder().decode(type, from: body)
        } catch let error as DecodingError {
            throw HTTPError.badRequest(DecodingErrorMessage.describe(error))
        }
    }
}
