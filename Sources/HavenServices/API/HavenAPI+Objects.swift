import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    func addObjectRoutes(to router: inout Router) {
        router.add("PUT", "/v1/projects/:project/objects/*path") { [self] request in try await putObject(request) }
        router.add("GET", "/v1/projects/:project/objects/*path") { [self] request in try await getObject(request) }
        router.add("GET", "/v1/projects/:project/objects") { [self] request in try await listObjects(request) }
    }

    private func putObject(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let path = try objectPath(request)
        let endpoint = try await objects.endpoint(projectID: project.id, named: request.query["endpoint"])
        let resource = endpoint.name + ":" + path
        let access = AccessRequest(action: .dataWrite, projectID: project.id, objectPath: path)
        let decision = try await authorize(context, access, resource: resource)

        let entry = AuditEntry(
            context, .dataWrite, resource: resource, projectID: project.id, outcome: .success, rule: decision.rule)
        do {
            let view = try await objects.put(
                request.body, at: path, in: endpoint, expectedSHA256: request.header("x-haven-sha256"),
                context: context, audit: entry)
            return try APIJSON.response(view, status: 201)
        } catch let error as HTTPError where error.status < 500 {
            var failed = entry
            failed.outcome = .failed
            failed.detail = error.message
            try await AuditLog.record(failed, in: pool)
            throw error
        }
    }

    private func getObject(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let path = try objectPath(request)
        let endpoint = try await objects.endpoint(projectID: project.id, named: request.query["endpoint"])
        let resource = endpoint.name + ":" + path
        let access = AccessRequest(action: .dataRead, projectID: project.id, objectPath: path)
        let decision = try await authorize(context, access, resource: resource)

        let object = try await objects.view(at: path, in: endpoint)
        let data = try objects.read(object, in: endpoint)
        try await AuditLog.record(
            AuditEntry(
                context, .dataRead, resource: resource, projectID: project.id, outcome: .success, rule: decision.rule,
                bytes: Int64(data.count)),
            in: pool)
        let headers = ["Content-Type": "application/octet-stream", "X-Haven-SHA256": object.sha256]
        return HTTPResponse(status: 200, headers: headers, body: data)
    }

    private func listObjects(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let endpoint = try await objects.endpoint(projectID: project.id, named: request.query["endpoint"])
        let access = AccessRequest(action: .dataList, projectID: project.id)
        try await authorize(context, access, resource: endpoint.name + ":")
        return try APIJSON.response(try await objects.list(in: endpoint, prefix: request.query["prefix"] ?? ""))
    }

    private func objectPath(_ request: HTTPRequest) throws -> String {
        let path = request.pathParameters["path"] ?? ""
        if let problem = ObjectPath.problem(in: path) { throw HTTPError.badRequest(problem) }
        return path
    }
}
