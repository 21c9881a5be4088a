import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    func addPACSRoutes(to router: inout Router) {
        router.add("GET", "/v1/projects/:project/pacs/studies") { [self] request in try await searchPACS(request) }
        router.add("POST", "/v1/projects/:project/pacs/pulls") { [self] request in try await pullStudy(request) }
        router.add("POST", "/v1/projects/:project/dicom/imports") { [self] request in try await importDICOM(request) }
        router.add("GET", "/v1/projects/:project/dicom/studies") { [self] request in try await listStudies(request) }
        router.add("PUT", "/v1/projects/:project/dicom/policy") { [self] request in try await setPolicy(request) }
    }

    /// Authenticates, resolves the project and decides `action`; a refusal is audited and nothing else happens.
    private func dicomAccess(
        _ request: HTTPRequest, _ action: Action, resource: String
    ) async throws -> (RequestContext, ProjectAPI.View, AccessDecision) {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let decision = try await authorize(
            context, AccessRequest(action: action, projectID: project.id), resource: resource)
        return (context, project, decision)
    }

    private func searchPACS(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (context, project, decision) = try await dicomAccess(request, .pacsSearch, resource: "pacs:studies")
        let studies = try await dicomFailures {
            try await pacsService().search(request.query, context: context, projectID: project.id, rule: decision.rule)
        }
        return try APIJSON.response(studies)
    }

    private func pullStudy(_ request: HTTPRequest) async throws -> HTTPResponse {
        // Decided before anything else, so that a refused pull sends nothing to the PACS; the denial names the study.
        let body = try decodeBody(request, as: PACSAPI.Pull.self)
        let (context, project, decision) = try await dicomAccess(
            request, .pacsPull, resource: "pacs:study/" + body.study)
        guard !body.purpose.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw HTTPError.badRequest("field `purpose` is empty; say why the study is needed, for the access log")
        }
        do {
            let stored = try await dicomFailures {
                try await pacsService().pull(
                    body.study, purpose: body.purpose, context: context, projectID: project.id, rule: decision.rule)
            }
            return try APIJSON.response(stored, status: 201)
        } catch let error as HTTPError {
            var failed = AuditEntry(
                context, .pacsPull, resource: "pacs:study/" + body.study, projectID: project.id, outcome: .failed,
                rule: decision.rule, detail: error.message)
            failed.purpose = body.purpose
            try await AuditLog.record(failed, in: pool)
            throw error
        }
    }

    private func importDICOM(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (context, project, decision) = try await dicomAccess(request, .dicomImport, resource: "dicom:import")
        let importer = DICOMImporter(intake: try dicomIntake(), work: configuration.workRoot)
        let stored = try await dicomFailures {
            try await importer.importBody(
                request.body, contentType: request.header("content-type") ?? "", purpose: request.query["purpose"],
                context: context, projectID: project.id, rule: decision.rule)
        }
        return try APIJSON.response(stored, status: 201)
    }

    private func listStudies(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (_, project, _) = try await dicomAccess(request, .dicomRead, resource: "dicom:studies")
        let rows = try await pool.query(
            """
            SELECT s.id::text AS id, s.study_uid, s.source, s.purpose, s.instance_count, s.series::text AS series,
                   u.name AS created_by, s.created_at
            FROM dicom_studies s JOIN users u ON u.id = s.created_by
            WHERE s.project_id = $1::uuid ORDER BY s.created_at, s.id
            """, [project.id])
        let studies = try rows.map { row in
            PACSAPI.StoredStudy(
                id: try row.decode("id"), studyUID: try row.decode("study_uid"), source: try row.decode("source"),
                purpose: try row.decode("purpose"), instanceCount: try row.decode("instance_count"),
                series: try APIJSON.decoder().decode(
                    [PACSAPI.StoredSeries].self, from: Data((try row.decode("series") as String).utf8)),
                createdBy: try row.decode("created_by"), createdAt: try row.decode("created_at"))
        }
        return try APIJSON.response(studies)
    }

    private func setPolicy(_ request: HTTPRequest) async throws -> HTTPResponse {
        let (context, project, decision) = try await dicomAccess(request, .dicomPolicy, resource: "dicom:policy")
        let policy = try decodeBody(request, as: DeidentificationPolicy.self)
        do {
            _ = try policy.privateAllowList()
        } catch {
            throw HTTPError.badRequest(error.description)
        }
        _ = try await DICOMProjectKey.load(projectID: project.id, in: pool)
        let text = try ObjectStore.json(policy)
        try await pool.transaction { connection in
            _ = try await connection.execute(
                "UPDATE dicom_projects SET policy = $2::jsonb WHERE project_id = $1::uuid", [project.id, text])
            let entry = AuditEntry(
                context, .dicomPolicy, resource: "dicom:policy", projectID: project.id, outcome: .success,
                rule: decision.rule, detail: text)
            try await AuditLog.record(entry, on: connection)
        }
        return try APIJSON.response(policy)
    }

    private func pacsService() throws -> PACSService {
        guard let pacs = configuration.pacs else {
            throw HTTPError.unavailable("this Haven has no PACS configured; an admin sets HAVEN_PACS_URL")
        }
        return PACSService(
            pool: pool, pacs: DICOMwebClient(endpoint: pacs), intake: try dicomIntake(), work: configuration.workRoot)
    }

    private func dicomIntake() throws -> DICOMIntake {
        guard let store = configuration.dicomStore else {
            throw HTTPError.unavailable("this Haven has no DICOM store configured; an admin sets HAVEN_DICOM_STORE_URL")
        }
        return DICOMIntake(pool: pool, store: DICOMwebClient(endpoint: store), objects: objects, logger: logger)
    }

    /// Turns DICOM faults into answers that name the file and the fault: bad input is a 422, a tool failure a 500.
    private func dicomFailures<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as DICOMError {
            switch error {
            case .toolFailed:
                logger.error("a DICOM tool failed", [.error: error.description])
                throw HTTPError(status: 500, code: "dicom_tool_failed", message: error.description)
            default:
                throw HTTPError(status: 422, code: "dicom_refused", message: error.description)
            }
        } catch let error as DICOMwebError {
            throw HTTPError(status: 502, code: "dicom_store_failed", message: error.description)
        }
    }
}
