import Foundation
import HavenLogging

/// What the server knows about one request while MHD feeds it in: identity, timing and the body so far.
///
/// MHD keeps a retained pointer to it in the connection's context slot from the first access call
/// until the completed callback releases it. Only the connection's MHD thread touches it.
final class RequestContext {
    let method: String
    let path: String
    let requestID: String
    let clientAddress: String
    let started = ContinuousClock.now
    let logger: Logger
    var body = Data()
    /// Where a streamed route's body is going, from its admission until it is handed to the handler.
    var upload: UploadSink?
    /// The status queued in answer, once there is one.
    var status: Int?

    init(method: String, path: String, requestID: String, clientAddress: String, logger: Logger) {
        self.method = method
        self.path = path
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.logger = logger.with(.requestID, requestID)
    }
}
