import Foundation
import HTTPClient

/// What went wrong talking to a Haven server, in terms the CLI maps to a message and an exit code.
public enum HavenClientError: Error, CustomStringConvertible, Sendable {
    /// No answer from the server at `url`.
    case unreachable(url: String, reason: String)
    /// The server answered with an error in Haven's error shape.
    case server(status: Int, code: String, message: String, requestID: String?)
    /// The server's answer was not what this client understands.
    case badResponse(String)

    public var description: String {
        switch self {
        case .unreachable(let url, let reason):
            return "cannot reach the Haven server at \(url) (\(reason)); check --url or HAVEN_URL and that it runs"
        case .server(let status, _, let message, let requestID):
            return "\(message) (HTTP \(status)\(requestID.map { ", request \($0)" } ?? ""))"
        case .badResponse(let message):
            return message
        }
    }

    /// The HTTP status, when the server answered.
    public var status: Int? {
        if case .server(let status, _, _, _) = self { return status }
        return nil
    }

    private struct Envelope: Decodable {
        struct Body: Decodable {
            var code: String
            var message: String
            var requestID: String?

            enum CodingKeys: String, CodingKey {
                case code, message
                case requestID = "request_id"
            }
        }
        var error: Body
    }

    static func from(_ response: HTTPClientResponse) -> HavenClientError {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: response.body) else {
            let text = String(decoding: response.body.prefix(200), as: UTF8.self)
            return .server(status: response.status, code: "unknown", message: text, requestID: nil)
        }
        return .server(
            status: response.status, code: envelope.error.code, message: envelope.error.message,
            requestID: envelope.error.requestID)
    }
}
