import Foundation
import HavenLogging

extension ServerCore {
    /// Routes `request` and runs its handler, turning every thrown error into an error response.
    func response(for request: HTTPRequest, logger: Logger) async -> HTTPResponse {
        switch router.match(method: request.method, path: request.path) {
        case .notFound:
            let error = HTTPError.notFound("no route for \(request.method) \(request.path)")
            return errorResponse(error, requestID: request.requestID)
        case .methodNotAllowed(let allowed):
            let error = HTTPError.methodNotAllowed(request.method, request.path, allowed: allowed)
            return errorResponse(error, requestID: request.requestID)
        case .found(let handler, let parameters):
            var request = request
            request.pathParameters = parameters
            return await run(handler, request, logger: logger)
        }
    }

    private func run(_ handler: HTTPHandler, _ request: HTTPRequest, logger: Logger) async -> HTTPResponse {
        do {
            let response = try await handler(request)
            guard let failure = response.failure else { return response }
            logger.error("response could not be encoded", [.error: failure])
            return errorResponse(.internalError, requestID: request.requestID)
        } catch let error as HTTPError {
            if error.status >= 500 { logger.error("handler answered with a server error", [.error: "\(error)"]) }
            return errorResponse(error, requestID: request.requestID)
        } catch let error as DecodingError {
            let converted = HTTPError.badRequest(DecodingErrorMessage.describe(error))
            return errorResponse(converted, requestID: request.requestID)
        } catch {
            logger.error("handler failed", [.error: String(describing: error)])
            return errorResponse(.internalError, requestID: request.requestID)
        }
    }

    /// The JSON error shape every error response shares.
    func errorResponse(_ error: HTTPError, requestID: String) -> HTTPResponse {
        let envelope = ErrorEnvelope(error: .init(code: error.code, message: error.message, requestID: requestID))
        var response = HTTPResponse.json(envelope, status: error.status)
        response.headers.merge(error.headers) { _, given in given }
        return response
    }
}

/// `{"error": {"code": ..., "message": ..., "request_id": ...}}`.
struct ErrorEnvelope: Codable, Sendable {
    struct Body: Codable, Sendable {
        var code: String
        var message: String
        var requestID: String

        enum CodingKeys: String, CodingKey {
            case code
            case message
            case requestID = "request_id"
        }
    }

    var error: Body
}
