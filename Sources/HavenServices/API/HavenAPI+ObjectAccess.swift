import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    /// Resolves the project, path and endpoint of an object request and decides `action`, either for the bearer
    /// token's principal or for a signed grant in `X-Haven-Grant`; a denial is audited and thrown.
    func objectAccess(_ request: HTTPRequest, _ action: Action) async throws -> ObjectAccess {
        if let token = request.header("x-haven-grant") { return try await grantAccess(request, token, action) }
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let path = try objectPath(request)
        let endpoint = try await objects.endpoint(projectID: project.id, named: request.query["endpoint"])
        let resource = endpoint.name + ":" + path
        let access = AccessRequest(action: action, projectID: project.id, objectPath: path)
        let decision = try await authorize(context, access, resource: resource, dataset: endpoint.name)
        var entry = AuditEntry(
            context, action, resource: resource, projectID: project.id, outcome: .success, rule: decision.rule)
        entry.purpose = request.header("x-haven-purpose")
        entry.sessionID = request.header("x-haven-session")
        return ObjectAccess(context: context, path: path, endpoint: endpoint, entry: entry)
    }

    /// Decides an object request carrying a signed grant: the signature, expiry, method, project, endpoint and
    /// path must all match. Checking the grant needs no database; the object's row still does.
    private func grantAccess(_ request: HTTPRequest, _ token: String, _ action: Action) async throws -> ObjectAccess {
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let path = try objectPath(request)
        let endpointName = request.query["endpoint"]
        var denial = AuditEntry.grant(
            nil, action, resource: (endpointName ?? "") + ":" + path, projectID: project.id, request: request)

        let grant: DataGrant
        switch grantSigner.verify(token) {
        case .failure(let refusal):
            try await refuse(&denial, rule: "grant.signature", refusal.message)
        case .success(let verified):
            grant = verified
            denial = AuditEntry.grant(
                grant, action, resource: grant.endpoint + ":" + path, projectID: project.id, request: request)
            let now = Int64(Date().timeIntervalSince1970)
            let method = DataGrant.Method(action)
            let problem =
                method.flatMap {
                    grant.problem(
                        method: $0, projectID: project.id, endpoint: endpointName ?? grant.endpoint, path: path,
                        now: now)
                } ?? (method == nil ? "a grant cannot be used for \(action.rawValue)" : nil)
            if let problem {
                try await refuse(&denial, rule: now >= grant.expires ? "grant.expired" : "grant.scope", problem)
            }
            let endpoint = try await objects.endpoint(projectID: project.id, named: grant.endpoint)
            let context = RequestContext(
                principal: .user(id: grant.issuedBy, name: "", isAdmin: false, roles: [:]),
                requestID: request.requestID, clientAddress: request.clientAddress)
            var entry = denial
            entry.outcome = .success
            entry.rule = "grant"
            return ObjectAccess(context: context, path: path, endpoint: endpoint, entry: entry)
        }
    }

    /// Audits a refused grant and throws the 403 that says why.
    private func refuse(_ entry: inout AuditEntry, rule: String, _ reason: String) async throws -> Never {
        entry.outcome = .denied
        entry.rule = rule
        entry.detail = [entry.detail, reason].compactMap { $0 }.joined(separator: "; ")
        try await AuditLog.record(entry, in: pool)
        logger.notice("request denied", [.requestID: entry.requestID ?? "", .reason: rule, .object: entry.resource])
        throw HTTPError.forbidden("\(entry.action.rawValue) on \(entry.resource) is not allowed: \(reason)")
    }

    func objectPath(_ request: HTTPRequest) throws -> String {
        let path = request.pathParameters["path"] ?? ""
        if let problem = ObjectPath.problem(in: path) { throw HTTPError.badRequest(problem) }
        return path
    }
}
