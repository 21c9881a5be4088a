import HTTPServer
import HavenCore

extension AuditEntry {
    /// An entry about a request made with a signed grant: the grant's principal is the actor, its issuer the user
    /// on whose behalf it acts, its purpose the entry's purpose; with no readable grant the actor is `grant:?`.
    static func grant(
        _ grant: DataGrant?, _ action: Action, resource: String, projectID: String, request: HTTPRequest
    ) -> AuditEntry {
        var entry = AuditEntry(
            RequestContext(
                principal: .user(id: grant?.issuedBy ?? "", name: "", isAdmin: false, roles: [:]),
                requestID: request.requestID, clientAddress: request.clientAddress),
            action, resource: resource, projectID: projectID, outcome: .success, rule: nil,
            detail: grant.map { "grant \($0.id)" })
        entry.actor = "grant:" + (grant?.principal ?? "?")
        entry.onBehalfOf = grant?.issuedBy
        entry.purpose = grant?.purpose
        entry.sessionID = request.header("x-haven-session")
        return entry
    }
}
