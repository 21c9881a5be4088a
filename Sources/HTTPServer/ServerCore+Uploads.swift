import Foundation
import HavenLogging

extension ServerCore {
    /// Runs when a request's headers have arrived: answers 413 for a declared body over the limit, and for a
    /// streamed route runs its admission check and opens the staging file. False if MHD refused an answer.
    func admit(_ context: RequestContext, connection: MHDConnection) -> Bool {
        guard let (admit, parameters) = router.streamedRoute(method: context.method, path: context.path) else {
            return checkDeclaredLength(context, connection: connection)
        }
        if let declared = connection.header("Content-Length").flatMap(Int64.init), declared > uploads.maximumBytes {
            return answer(streamedTooLarge(), context, connection: connection)
        }

        var head = HTTPRequest(
            method: context.method.uppercased(), path: context.path, query: connection.query(),
            headers: connection.headers(), requestID: context.requestID, clientAddress: context.clientAddress)
        head.pathParameters = parameters
        let request = head
        let refusal = runBlocking(requestID: context.requestID) {
            do {
                try await admit(request)
                return HTTPResponse(status: 100)
            } catch let error as HTTPError {
                return self.errorResponse(error, requestID: request.requestID)
            } catch {
                return self.errorResponse(.internalError, requestID: request.requestID)
            }
        }
        guard refusal.status == 100 else { return queue(refusal, context, connection: connection) }
        return openUpload(context, connection: connection)
    }

    /// Adds a piece of a streamed body to its staging file; a full disk or a body over the limit closes the
    /// connection (MHD accepts no answer in the middle of a body).
    func receive(
        _ piece: UnsafeRawBufferPointer, into upload: UploadSink, _ context: RequestContext, connection: MHDConnection
    ) -> Bool {
        guard upload.byteCount + Int64(piece.count) <= uploads.maximumBytes else {
            context.logger.debug("streamed body passed the size limit", [.bytes: String(upload.byteCount)])
            return false
        }
        do {
            try upload.write(piece)
            return true
        } catch {
            context.logger.error("staging a streamed body failed", [.error: "\(error)", .path: context.path])
            return false
        }
    }

    /// Closes the staging file and hands its description over; nil, with a 507 queued when MHD takes it, if it failed.
    func finishUpload(_ context: RequestContext, connection: MHDConnection) -> StreamedBody? {
        guard let upload = context.upload else { return nil }
        do {
            let body = try upload.finish()
            context.upload = nil
            return body
        } catch {
            context.logger.error("staging a streamed body failed", [.error: "\(error)", .path: context.path])
            let failure = HTTPError(status: 507, code: "storage_unavailable", message: "the upload could not be staged")
            _ = answer(failure, context, connection: connection)
            return nil
        }
    }

    private func openUpload(_ context: RequestContext, connection: MHDConnection) -> Bool {
        let name = UUID().uuidString + Self.stagedSuffix(context.path)
        do {
            context.upload = try UploadSink(directory: uploads.directory, name: name)
            return true
        } catch {
            context.logger.error("staging a streamed body failed", [.error: "\(error)", .path: context.path])
            let failure = HTTPError(status: 507, code: "storage_unavailable", message: "the upload could not be staged")
            return answer(failure, context, connection: connection)
        }
    }

    /// The suffix a staged file keeps, since libnifti tells `.nii` from `.nii.gz` by the name.
    static func stagedSuffix(_ path: String) -> String {
        path.hasSuffix(".nii.gz") ? ".nii.gz" : path.hasSuffix(".nii") ? ".nii" : ""
    }

    private func streamedTooLarge() -> HTTPError {
        .payloadTooLarge("request body is larger than \(uploads.maximumBytes) bytes; send a smaller body")
    }
}
