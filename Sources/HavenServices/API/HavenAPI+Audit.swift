import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    func addAuditRoutes(to router: inout Router) {
        router.add("GET", "/v1/projects/:project/audit") { [self] request in try await exportAudit(request) }
    }

    /// The project's access log as JSON lines (lossless) or CSV (for spreadsheets); the export is itself audited.
    private func exportAudit(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let format = request.query["format"] ?? "jsonl"
        guard format == "jsonl" || format == "csv" else {
            throw HTTPError.badRequest("query `format` is `\(format)`; use `jsonl` or `csv`")
        }
        let resource = "\(project.name)/audit"
        let decision = try await authorize(
            context, AccessRequest(action: .auditExport, projectID: project.id), resource: resource)

        let events = try await AuditLog.events(projectID: project.id, in: pool)
        var body = format == "csv" ? AuditCSV.header : ""
        let encoder = APIJSON.encoder()
        for event in events {
            body +=
                format == "csv"
                ? AuditCSV.record(event) : String(decoding: try encoder.encode(event), as: UTF8.self) + "\n"
        }
        try await AuditLog.record(
            AuditEntry(
                context, .auditExport, resource: resource, projectID: project.id, outcome: .success,
                rule: decision.rule, bytes: Int64(body.utf8.count), detail: "\(events.count) events as \(format)"),
            in: pool)
        let type = format == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson"
        return HTTPResponse(status: 200, headers: ["Content-Type": type], body: Data(body.utf8))
    }
}
