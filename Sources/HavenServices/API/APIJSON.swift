import Foundation
import HTTPServer

/// The JSON conventions of Haven's API, shared by the server and its clients: camelCase keys, ISO 8601 dates.
public enum APIJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// A JSON response with `status`.
    static func response<T: Encodable>(_ value: T, status: Int = 200) throws -> HTTPResponse {
        let body = try encoder().encode(value)
        return HTTPResponse(status: status, headers: ["Content-Type": "application/json"], body: body)
    }
}
