import Foundation
import HTTPServer
import HavenCore
import HavenLogging
import PostgresClient

/// Brings DICOM files into a project, whether pulled from the PACS or imported: de-identifies and checks them,
/// stores them in the project's DICOM store, checks each series and converts the complete ones to volumes in the
/// project's storage, then records the study, the UID table (where the policy keeps it) and one audit entry per
/// instance with its original and new UIDs, in one transaction.
struct DICOMIntake: Sendable {
    let pool: PostgresPool
    let store: DICOMwebClient
    let objects: ObjectStore
    let logger: Logger

    /// Where the files came from and why, for the study record and the audit entries.
    struct Origin: Sendable {
        var source: String
        var action: Action
        var purpose: String?
        var rule: String
    }

    func bringIn(
        _ files: [URL], work: URL, projectID: String, context: RequestContext, origin: Origin,
        fillIn: Deidentifier.FillIn = { _, _ in [] }
    ) async throws -> PACSAPI.StoredStudy {
        let key = try await DICOMProjectKey.load(projectID: projectID, in: pool)
        let instances = try await Deidentifier(project: key).deidentify(files, fillIn: fillIn)
        let studies = Set(instances.map(\.studyUID))
        guard let studyUID = studies.first, studies.count == 1 else {
            throw HTTPError.badRequest(
                "the files hold \(studies.count) studies; bring in one study at a time")
        }
        try await store.store(instances.map(\.file))

        var series: [PACSAPI.StoredSeries] = []
        for seriesUID in Set(instances.map(\.seriesUID)).sorted() {
            let members = instances.filter { $0.seriesUID == seriesUID }
            series.append(
                try await checkAndConvert(
                    members, studyUID: studyUID, work: work, projectID: projectID, context: context))
        }
        let study = try await record(
            instances, studyUID: studyUID, series: series, key: key, projectID: projectID, context: context,
            origin: origin)
        logger.notice(
            "DICOM study brought into a project",
            [
                .projectID: projectID, .object: "dicom:study/" + studyUID, .count: "\(instances.count)",
                .reason: origin.source,
            ])
        return study
    }

    /// Checks one series and, when it is complete and the project has storage, stores its volume.
    private func checkAndConvert(
        _ members: [DeidentifiedInstance], studyUID: String, work: URL, projectID: String, context: RequestContext
    ) async throws -> PACSAPI.StoredSeries {
        let report = SeriesCheck.check(members.map(\.geometry))
        var stored = PACSAPI.StoredSeries(
            seriesUID: members[0].seriesUID, instanceCount: members.count, check: report, volume: nil,
            volumeDimensions: nil, volumeSpacing: nil)
        guard report.isComplete, report.kept.count > 1,
            let endpoint = try? await objects.endpoint(projectID: projectID, named: nil)
        else { return stored }

        let byUID = Dictionary(members.map { ($0.sopInstanceUID, $0.file) }, uniquingKeysWith: { first, _ in first })
        let volume: SeriesConverter.Volume
        do {
            volume = try await SeriesConverter.convert(report.kept.compactMap { byUID[$0] }, report: report, work: work)
        } catch {
            // The instances are stored and recorded all the same; the series just has no volume, and says why.
            logger.warning("series conversion failed", [.projectID: projectID, .error: error.description])
            stored.volumeProblem = error.description
            return stored
        }
        let path = "dicom/\(studyUID)/\(stored.seriesUID).nii.gz"
        let entry = AuditEntry(
            context, .dataWrite, resource: "object:" + path, projectID: projectID, outcome: .success,
            rule: "dicom.volume", detail: "volume of \(report.kept.count) slices converted with dcm2niix")
        _ = try await objects.put(
            try Data(contentsOf: volume.file), at: path, in: endpoint, expectedSHA256: nil, context: context,
            audit: entry)
        stored.volume = path
        stored.volumeDimensions = volume.dimensions
        stored.volumeSpacing = volume.spacing
        return stored
    }

    private func record(
        _ instances: [DeidentifiedInstance], studyUID: String, series: [PACSAPI.StoredSeries], key: DICOMProjectKey,
        projectID: String, context: RequestContext, origin: Origin
    ) async throws -> PACSAPI.StoredStudy {
        let seriesJSON = try ObjectStore.json(series)
        let createdBy = context.principal.responsibleUserID
        return try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO dicom_studies (project_id, study_uid, source, purpose, created_by, instance_count, series)
                VALUES ($1::uuid, $2, $3, $4, $5::uuid, $6, $7::jsonb) RETURNING id::text AS id, created_at
                """,
                [projectID, studyUID, origin.source, origin.purpose, createdBy, instances.count, seriesJSON])
            if key.policy.keepUIDMap {
                for (original, new) in instances.flatMap(\.uids) {
                    _ = try await connection.execute(
                        """
                        INSERT INTO dicom_uid_map (project_id, original_uid, new_uid) VALUES ($1::uuid, $2, $3)
                        ON CONFLICT DO NOTHING
                        """, [projectID, original, new])
                }
            }
            for instance in instances {
                try await AuditLog.record(
                    auditEntry(instance, context: context, projectID: projectID, origin: origin), on: connection)
            }
            return PACSAPI.StoredStudy(
                id: try rows[0].decode("id"), studyUID: studyUID, source: origin.source, purpose: origin.purpose,
                instanceCount: instances.count, series: series, createdBy: createdBy,
                createdAt: try rows[0].decode("created_at"))
        }
    }

    /// The audit entry of one instance: its original UIDs as the resource, the new ones in the detail.
    private func auditEntry(
        _ instance: DeidentifiedInstance, context: RequestContext, projectID: String, origin: Origin
    ) -> AuditEntry {
        let resource =
            "dicom:study/\(instance.originalStudyUID)/series/\(instance.originalSeriesUID)/instance/"
            + instance.originalSOPInstanceUID
        var entry = AuditEntry(
            context, origin.action, resource: resource, projectID: projectID, outcome: .success, rule: origin.rule,
            detail: "de-identified and stored as study \(instance.studyUID) series \(instance.seriesUID) instance "
                + instance.sopInstanceUID)
        entry.purpose = origin.purpose
        return entry
    }
}
