import Foundation
import HTTPServer
import HavenCrypto

extension ObjectStore {
    /// Stores bytes Haven made itself (a converted volume, say) as an upload would be stored: staged in a file
    /// that keeps the path's NIfTI suffix, checked, then published with `entry` in one transaction.
    func put(
        _ data: Data, at path: String, in endpoint: Endpoint, expectedSHA256: String?, context: RequestContext,
        audit entry: AuditEntry
    ) async throws -> ObjectAPI.View {
        let suffix = path.hasSuffix(".nii.gz") ? ".nii.gz" : path.hasSuffix(".nii") ? ".nii" : ""
        let staged = configuration.uploadStagingRoot.appending(path: UUID().uuidString + suffix)
        defer { try? FileManager.default.removeItem(at: staged) }
        do {
            try FileManager.default.createDirectory(
                at: configuration.uploadStagingRoot, withIntermediateDirectories: true)
            try data.write(to: staged)
        } catch {
            logger.error("staging an object failed", [.object: path, .error: "\(error)"])
            throw HTTPError(status: 507, code: "storage_unavailable", message: "the storage endpoint refused `\(path)`")
        }
        let body = StreamedBody(file: staged, byteCount: Int64(data.count), sha256: SHA256.hex(data))
        return try await put(
            body, at: path, in: endpoint, expectedSHA256: expectedSHA256, context: context, audit: entry)
    }
}
