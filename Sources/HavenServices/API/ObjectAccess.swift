import HavenCore

/// One decided access to one object, and the audit entry that records it.
struct ObjectAccess: Sendable {
    var context: RequestContext
    var path: String
    var endpoint: ObjectStore.Endpoint
    var entry: AuditEntry
}
