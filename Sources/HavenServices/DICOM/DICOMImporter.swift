import Foundation
import HTTPServer
import HavenCore
import HavenCrypto

/// Imports DICOM files a researcher holds. Files whose Study, Series or SOP Instance UID (or SOP Class UID) is
/// empty get consistent ones first: one study UID per import, one series UID per series (told apart by series
/// number, description and frame of reference), an instance UID from the file meta information or, failing
/// that, the file's digest. Then the files take the same path as a PACS pull.
struct DICOMImporter: Sendable {
    let intake: DICOMIntake
    let work: URL

    func importBody(
        _ body: Data, contentType: String, purpose: String?, context: RequestContext, projectID: String, rule: String
    ) async throws -> PACSAPI.StoredStudy {
        let folder = work.appending(path: "dicom-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let upload = folder.appending(path: "upload")
        try body.write(to: upload)
        let files: [URL]
        do {
            files = try MultipartFiles.split(upload, contentType: contentType, into: folder)
        } catch let error as DICOMwebError {
            throw HTTPError.badRequest("the upload: \(error.description); send multipart/related of application/dicom")
        }
        guard !files.isEmpty else { throw HTTPError.badRequest("the upload holds no DICOM files") }

        let importID = folder.lastPathComponent
        let origin = DICOMIntake.Origin(source: "import", action: .dicomImport, purpose: purpose, rule: rule)
        return try await intake.bringIn(
            files, work: folder, projectID: projectID, context: context, origin: origin
        ) { dataset, file throws(DICOMError) in
            try Self.fillIns(dataset, file: file, importID: importID)
        }
    }

    /// The edits that give `dataset` the UIDs it lacks.
    static func fillIns(_ dataset: DICOMDataset, file: URL, importID: String) throws(DICOMError) -> [DICOMEdit] {
        var edits: [DICOMEdit] = []
        let seriesKey = [.seriesNumber, .seriesDescription, .frameOfReferenceUID].map { dataset.string($0) ?? "" }
        if dataset.string(.studyInstanceUID) == nil {
            edits.append(.set(location: DICOMTag.studyInstanceUID.description, value: derived("study", importID)))
        }
        if dataset.string(.seriesInstanceUID) == nil {
            let seed = importID + "/" + seriesKey.joined(separator: "/")
            edits.append(.set(location: DICOMTag.seriesInstanceUID.description, value: derived("series", seed)))
        }
        if dataset.string(.sopInstanceUID) == nil {
            var uid = dataset.string(.mediaStorageSOPInstanceUID)
            if uid == nil { uid = derived("instance", try digest(file)) }
            edits.append(.set(location: DICOMTag.sopInstanceUID.description, value: uid ?? ""))
        }
        if dataset.string(.sopClassUID) == nil, let sopClass = dataset.string(.mediaStorageSOPClassUID) {
            edits.append(.set(location: DICOMTag.sopClassUID.description, value: sopClass))
        }
        return edits
    }

    static func derived(_ kind: String, _ seed: String) -> String {
        DICOMUID.derive(key: Data("haven-dicom-import".utf8), original: kind + ":" + seed)
    }

    static func digest(_ file: URL) throws(DICOMError) -> String {
        guard let data = try? Data(contentsOf: file) else {
            throw .invalidFile(file: file.lastPathComponent, reason: "cannot be read")
        }
        return SHA256.hex(data)
    }
}
