import HavenCore

extension AuditEntry {
    /// An entry about a node of an agent pool, written under the node's own name.
    static func node(_ actor: String, _ action: Action, nodeID: String, detail: String) -> AuditEntry {
        var entry = AuditEntry(
            RequestContext(
                principal: .user(id: "", name: "", isAdmin: false, roles: [:]), requestID: "", clientAddress: ""),
            action, resource: "node:" + nodeID, projectID: nil, outcome: .success, rule: nil, detail: detail)
        entry.actor = actor
        entry.onBehalfOf = nil
        entry.requestID = nil
        entry.clientAddress = nil
        return entry
    }
}
