import Foundation
import HavenCore

extension HavenClient {
    /// Imports DICOM files into `project` in one multipart upload; the server de-identifies them.
    public func importDICOM(project: String, files: [URL], purpose: String?) async throws -> PACSAPI.StoredStudy {
        let boundary = "haven-" + UUID().uuidString
        let body = try MultipartFiles.body(files, boundary: boundary)
        var path = "/v1/projects/\(project)/dicom/imports"
        if let purpose, let encoded = purpose.addingPercentEncoding(withAllowedCharacters: .alphanumerics) {
            path += "?purpose=" + encoded
        }
        let response = try await send(
            "POST", path, body: body, contentType: "multipart/related; type=\"application/dicom\"; boundary=\(boundary)"
        )
        return try decode(response)
    }

    /// Sets `project`'s de-identification policy (project owners only).
    public func setDICOMPolicy(project: String, _ policy: DeidentificationPolicy) async throws -> DeidentificationPolicy
    {
        let body = try APIJSON.encoder().encode(policy)
        let response = try await send(
            "PUT", "/v1/projects/\(project)/dicom/policy", body: body, contentType: "application/json")
        return try decode(response)
    }
}
