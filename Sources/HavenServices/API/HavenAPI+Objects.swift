import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    func addObjectRoutes(to router: inout Router) {
        let object = "/v1/projects/:project/objects/*path"
        router.addStreamed("PUT", object, admit: { [self] request in _ = try await objectAccess(request, .dataWrite) })
        {
            [self] request in try await putObject(request)
        }
        router.add("GET", object) { [self] request in try await getObject(request) }
        router.add("DELETE", object) { [self] request in try await deleteObject(request) }
        router.add("GET", "/v1/projects/:project/objects") { [self] request in try await listObjects(request) }
    }

    /// Runs an allowed access; when it fails on the request's account (a 4xx), the failure is audited too.
    private func auditingFailure<T>(_ access: ObjectAccess, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as HTTPError where error.status < 500 {
            var failed = access.entry
            failed.outcome = .failed
            failed.detail = [access.entry.detail, error.message].compactMap { $0 }.joined(separator: "; ")
            try await AuditLog.record(failed, in: pool)
            throw error
        }
    }

    private func putObject(_ request: HTTPRequest) async throws -> HTTPResponse {
        let access = try await objectAccess(request, .dataWrite)
        guard let body = request.streamedBody else {
            throw HTTPError.badRequest("the upload of `\(access.path)` arrived without a body")
        }
        let view = try await auditingFailure(access) {
            try await objects.put(
                body, at: access.path, in: access.endpoint, expectedSHA256: request.header("x-haven-sha256"),
                labelMap: request.header("x-haven-content") == "label-map", context: access.context,
                audit: access.entry)
        }
        return try APIJSON.response(view, status: 201)
    }

    private func getObject(_ request: HTTPRequest) async throws -> HTTPResponse {
        let access = try await objectAccess(request, .dataRead)
        let (object, range) = try await auditingFailure(access) {
            let object = try await objects.view(at: access.path, in: access.endpoint)
            return (object, try Self.range(request, object: object))
        }
        if request.query["stat"] != nil { return try await stat(object, access) }
        let reader = try await objects.open(object, range: range ?? 0..<object.size, in: access.endpoint)
        var entry = access.entry
        entry.bytes = Int64((range ?? 0..<object.size).count)
        if let range {
            entry.detail = [entry.detail, "bytes \(range.lowerBound)-\(range.upperBound - 1)"].compactMap { $0 }.joined(
                separator: "; ")
        }
        try await AuditLog.record(entry, in: pool)

        var headers = [
            "Content-Type": "application/octet-stream", "X-Haven-SHA256": object.sha256, "Accept-Ranges": "bytes",
            "X-Haven-Size": String(object.size),
        ]
        guard let range else {
            return response(200, headers, reader, object: object, whole: true)
        }
        headers["Content-Range"] = "bytes \(range.lowerBound)-\(range.upperBound - 1)/\(object.size)"
        return response(206, headers, reader, object: object, whole: false)
    }

    /// The object's record without its bytes: size, SHA-256 and what intake learned (`?stat`).
    private func stat(_ object: ObjectAPI.View, _ access: ObjectAccess) async throws -> HTTPResponse {
        var entry = access.entry
        entry.bytes = 0
        entry.detail = [entry.detail, "stat"].compactMap { $0 }.joined(separator: "; ")
        try await AuditLog.record(entry, in: pool)
        return try APIJSON.response(object)
    }

    private func response(
        _ status: Int, _ headers: [String: String], _ reader: ObjectReader, object: ObjectAPI.View, whole: Bool
    ) -> HTTPResponse {
        HTTPResponse(status: status, headers: headers, stream: objects.stream(reader, object: object, whole: whole))
    }

    /// The byte range a GET asks for, nil for the whole object; a bad or unsatisfiable range is a 4xx.
    private static func range(_ request: HTTPRequest, object: ObjectAPI.View) throws -> Range<Int64>? {
        switch ByteRange.resolve(request.header("range"), size: object.size) {
        case .whole:
            return nil
        case .partial(let range):
            return range
        case .unsatisfiable:
            throw HTTPError(
                status: 416, code: "range_not_satisfiable",
                message: "`\(object.path)` has \(object.size) bytes; ask for a range inside them",
                headers: ["Content-Range": "bytes */\(object.size)"])
        case .invalid(let message):
            throw HTTPError.badRequest(message)
        }
    }

    private func deleteObject(_ request: HTTPRequest) async throws -> HTTPResponse {
        let access = try await objectAccess(request, .dataDelete)
        let purgeAfter = try await auditingFailure(access) {
            try await objects.delete(
                access.path, in: access.endpoint, by: access.context.principal.responsibleUserID, audit: access.entry)
        }
        try await objects.purgeExpired(in: access.endpoint)
        return try APIJSON.response(ObjectAPI.Deleted(path: access.path, purgeAfter: purgeAfter))
    }

    private func listObjects(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let endpoint = try await objects.endpoint(projectID: project.id, named: request.query["endpoint"])
        let access = AccessRequest(action: .dataList, projectID: project.id)
        try await authorize(context, access, resource: endpoint.name + ":", dataset: endpoint.name)
        return try APIJSON.response(try await objects.list(in: endpoint, prefix: request.query["prefix"] ?? ""))
    }
}
