import Foundation

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
}
