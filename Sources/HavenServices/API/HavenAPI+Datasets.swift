import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    func addDatasetRoutes(to router: inout Router) {
        let dataset = "/v1/projects/:project/datasets/:name"
        router.add("POST", dataset + "/versions") { [self] request in try await createDatasetVersion(request) }
        router.add("GET", dataset + "/versions/:version") { [self] request in try await getDatasetVersion(request) }
    }

    private var datasets: DatasetStore { DatasetStore(pool: pool, objects: objects) }

    private func createDatasetVersion(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let name = request.pathParameters["name"] ?? ""
        try Validation.name(name, field: "dataset name")
        let body = try decodeBody(request, as: DatasetAPI.CreateVersion.self)
        let resource = "dataset:" + name
        let decision = try await authorize(
            context, AccessRequest(action: .datasetWrite, projectID: project.id), resource: resource)
        let endpoint = try await objects.endpoint(projectID: project.id, named: body.endpoint)
        let entry = AuditEntry(
            context, .datasetWrite, resource: resource, projectID: project.id, outcome: .success, rule: decision.rule)
        let manifest = try await datasets.createVersion(
            body, name: name, projectID: project.id, endpoint: endpoint, audit: entry)
        return try APIJSON.response(manifest, status: 201)
    }

    private func getDatasetVersion(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let name = request.pathParameters["name"] ?? ""
        guard let version = Int(request.pathParameters["version"] ?? "") else {
            throw HTTPError.badRequest("the version must be a whole number such as `1`")
        }
        try await authorize(
            context, AccessRequest(action: .datasetRead, projectID: project.id), resource: "dataset:" + name)
        return try APIJSON.response(try await datasets.manifest(name: name, version: version, projectID: project.id))
    }
}
