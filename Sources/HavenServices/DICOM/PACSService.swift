import Foundation
import HTTPServer
import HavenCore
import HavenLogging
import PostgresClient

/// Searches the hospital PACS and pulls studies from it into a project. Callers decide access first: nothing
/// here is reached for a refused request, so a refusal sends no query to the PACS. Nothing is ever sent to the
/// PACS: results stay in the project.
// TODO(#6): job label maps as DICOM SEG in the project's DICOM store; remove when a SEG writer tool is chosen.
struct PACSService: Sendable {
    let pool: PostgresPool
    let pacs: DICOMwebClient
    let intake: DICOMIntake
    let work: URL

    /// The search keys a project may use; results never carry the patient's name, id or birth date.
    static let searchKeys: Set<String> = [
        "StudyInstanceUID", "StudyDate", "ModalitiesInStudy", "AccessionNumber", "PatientID", "limit",
    ]

    /// Studies matching `keys`, audited with the keys and the number found.
    func search(_ keys: [String: String], context: RequestContext, projectID: String, rule: String) async throws
        -> [PACSAPI.Study]
    {
        if let unknown = keys.keys.sorted().first(where: { !Self.searchKeys.contains($0) }) {
            throw HTTPError.badRequest(
                "search key `\(unknown)` is not supported; use \(Self.searchKeys.sorted().joined(separator: ", "))")
        }
        let found = try await gateway { try await pacs.searchStudies(keys) }
        let described = keys.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let entry = AuditEntry(
            context, .pacsSearch, resource: "pacs:studies", projectID: projectID, outcome: .success, rule: rule,
            detail: "QIDO-RS studies \(described): \(found.count) found")
        try await AuditLog.record(entry, in: pool)
        return found.compactMap(Self.study)
    }

    /// Pulls every series of `studyUID` into the project, de-identified; audits the query, each series retrieved,
    /// and (through the intake) each instance stored.
    func pull(
        _ studyUID: String, purpose: String, context: RequestContext, projectID: String, rule: String
    ) async throws -> PACSAPI.StoredStudy {
        let folder = work.appending(path: "pacs-pull-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }

        let series = try await gateway { try await pacs.searchSeries(study: studyUID) }
        try await audit(
            context, "pacs:study/\(studyUID)", projectID, rule, purpose,
            "QIDO-RS series of the study: \(series.count) found")
        guard !series.isEmpty else {
            throw HTTPError.notFound(
                "the PACS holds no series of study `\(studyUID)`; check the UID with `pacs search`")
        }

        var files: [URL] = []
        for (index, attributes) in series.enumerated() {
            guard let seriesUID = attributes.string(.seriesInstanceUID) else { continue }
            let target = folder.appending(path: "series-\(index)")
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            let retrieved = try await gateway {
                if let url = attributes.string(.retrieveURL) {
                    return try await pacs.retrieve(serverURL: url, into: target)
                }
                return try await pacs.retrieveSeries(study: studyUID, series: seriesUID, into: target)
            }
            try await audit(
                context, "pacs:study/\(studyUID)/series/\(seriesUID)", projectID, rule, purpose,
                "WADO-RS retrieved \(retrieved.count) instance(s)")
            files += retrieved
        }
        let origin = DICOMIntake.Origin(source: "pacs", action: .pacsPull, purpose: purpose, rule: rule)
        return try await intake.bringIn(files, work: folder, projectID: projectID, context: context, origin: origin)
    }

    private func audit(
        _ context: RequestContext, _ resource: String, _ projectID: String, _ rule: String, _ purpose: String,
        _ detail: String
    ) async throws {
        var entry = AuditEntry(
            context, .pacsPull, resource: resource, projectID: projectID, outcome: .success, rule: rule, detail: detail)
        entry.purpose = purpose
        try await AuditLog.record(entry, in: pool)
    }

    /// Runs a PACS exchange, turning its failures into a 502 that names what went wrong.
    private func gateway<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DICOMwebError {
            throw HTTPError(status: 502, code: "pacs_failed", message: "the PACS: \(error.description)")
        }
    }

    static func study(_ attributes: DICOMAttributes) -> PACSAPI.Study? {
        guard let uid = attributes.string(.studyInstanceUID) else { return nil }
        return PACSAPI.Study(
            studyUID: uid, studyDate: attributes.string(.studyDate),
            modalities: attributes.values[.modalitiesInStudy] ?? [],
            seriesCount: attributes.string(.numberOfStudyRelatedSeries).flatMap { Int($0) },
            instanceCount: attributes.string(.numberOfStudyRelatedInstances).flatMap { Int($0) })
    }
}
