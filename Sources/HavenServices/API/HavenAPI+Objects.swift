import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    func addObjectRoutes(to router: inout Router) {
        router.add("PUT", "/v1/projects/:project/objects/*path") { [self] request in try await putObject(request) }
        router.add("GET", "/v1/projects/:project/objects/*path") { [self] request in try await getObject(request) }
        router.add("GET", "/v1/projects/:project/objects") { [self] request in try await listObjects(request) }
    }

    /// One decided access to one object, and the audit entry that records it.
    private struct ObjectAccess {
        var context: RequestContext
        var path: String
        var endpoint: ObjectStore.Endpoint
        var entry: AuditEntry
    }

    /// Authenticates, resolves the project, path and endpoint, and decides `action` on the object; a denial is
    /// audited and thrown by `authorize`.
    private func objectAccess(_ request: HTTPRequest, _ action: Action) async throws -> ObjectAccess {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let path = try objectPath(request)
        let endpoint = try await objects.endpoint(projectID: project.id, named: request.query["endpoint"])
        let resource = endpoint.name + ":" + path
        let access = AccessRequest(action: action, projectID: project.id, objectPath: path)
        let decision = try await authorize(context, access, resource: resource, dataset: endpoint.name)
        let entry = AuditEntry(
            context, action, resource: resource, projectID: project.id, outcome: .success, rule: decision.rule)
        return ObjectAccess(context: context, path: path, endpoint: endpoint, entry: entry)
    }

    /// Runs an allowed access; when it fails on the request's account (a 4xx), the failure is audited too.
    private func auditingFailure<T>(_ access: ObjectAccess, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as HTTPError where error.status < 500 {
            var failed = access.entry
            failed.outcome = .failed
            failed.detail = error.message
            try await AuditLog.record(failed, in: pool)
            throw error
        }
    }

    private func putObject(_ request: HTTPRequest) async throws -> HTTPResponse {
        let access = try await objectAccess(request, .dataWrite)
        let view = try await auditingFailure(access) {
            try await objects.put(
                request.body, at: access.path, in: access.endpoint,
                expectedSHA256: request.header("x-haven-sha256"), context: access.context, audit: access.entry)
        }
        return try APIJSON.response(view, status: 201)
    }

    private func getObject(_ request: HTTPRequest) async throws -> HTTPResponse {
        let access = try await objectAccess(request, .dataRead)
        let (object, data) = try await auditingFailure(access) {
            let object = try await objects.view(at: access.path, in: access.endpoint)
            return (object, try objects.read(object, in: access.endpoint))
        }
        var entry = access.entry
        entry.bytes = Int64(data.count)
        try await AuditLog.record(entry, in: pool)
        let headers = ["Content-Type": "application/octet-stream", "X-Haven-SHA256": object.sha256]
        return HTTPResponse(status: 200, headers: headers, body: data)
    }

    private func listObjects(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let endpoint = try await objects.endpoint(projectID: project.id, named: request.query["endpoint"])
        let access = AccessRequest(action: .dataList, projectID: project.id)
        try await authorize(context, access, resource: endpoint.name + ":", dataset: endpoint.name)
        return try APIJSON.response(try await objects.list(in: endpoint, prefix: request.query["prefix"] ?? ""))
    }

    private func objectPath(_ request: HTTPRequest) throws -> String {
        let path = request.pathParameters["path"] ?? ""
        if let problem = ObjectPath.problem(in: path) { throw HTTPError.badRequest(problem) }
        return path
    }
}
