import Foundation
import HTTPServer
import HavenCore
import HavenCrypto

extension HavenAPI {
    func addGrantRoutes(to router: inout Router) {
        router.add("POST", "/v1/projects/:project/grants") { [self] request in try await issueGrant(request) }
    }

    /// Issues a signed grant: the caller needs `data.grant` and the access the grant hands on.
    private func issueGrant(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let body = try decodeBody(request, as: GrantAPI.Issue.self)
        try Self.check(body)
        let endpoint = try await objects.endpoint(projectID: project.id, named: body.endpoint)
        let resource = endpoint.name + ":" + body.path + (body.prefix == true ? "/" : "")

        try await authorize(context, AccessRequest(action: .dataGrant, projectID: project.id), resource: resource)
        let target = body.prefix == true ? body.path + "/-" : body.path
        let decision = try await authorize(
            context, AccessRequest(action: body.method.action, projectID: project.id, objectPath: target),
            resource: resource)

        let seconds = body.seconds ?? 300
        let grant = DataGrant(
            id: Hex.encode(SecureRandom.bytes(12)), principal: body.principal,
            issuedBy: context.principal.responsibleUserID, projectID: project.id, endpoint: endpoint.name,
            path: body.path, isPrefix: body.prefix == true, method: body.method, purpose: body.purpose,
            expires: Int64(Date().timeIntervalSince1970) + seconds)
        var entry = AuditEntry(
            context, .dataGrant, resource: resource, projectID: project.id, outcome: .success, rule: decision.rule,
            detail: "grant \(grant.id) to \(grant.principal): \(grant.method.rawValue) until \(grant.expires)")
        entry.purpose = body.purpose
        try await AuditLog.record(entry, in: pool)
        return try APIJSON.response(GrantAPI.Issued(token: try grantSigner.sign(grant), grant: grant), status: 201)
    }

    private static func check(_ body: GrantAPI.Issue) throws {
        if let problem = ObjectPath.problem(in: body.path) { throw HTTPError.badRequest(problem) }
        let seconds = body.seconds ?? 300
        guard seconds > 0, seconds <= GrantSigner.maximumLifetime else {
            throw HTTPError.badRequest(
                "field `seconds` is \(body.seconds ?? 0); a grant lasts 1 to \(GrantSigner.maximumLifetime) seconds")
        }
        guard !body.principal.isEmpty, body.principal.count <= 128, !body.purpose.isEmpty else {
            throw HTTPError.badRequest(
                "fields `principal` and `purpose` must be given (principal at most 128 characters), "
                    + "such as `node:gpu-01` and `stage inputs for training`")
        }
    }
}
