import Foundation

/// A short-lived permission for one principal (a node or tool) to do one thing to one object, or to the objects
/// under one prefix, of one storage endpoint. The server signs it; whoever holds the signed token may use it until
/// it expires, so grants are kept short.
public struct DataGrant: Codable, Sendable, Equatable {
    /// What a grant allows.
    public enum Method: String, Codable, Sendable, CaseIterable {
        case read = "GET"
        case write = "PUT"
        case delete = "DELETE"
    }

    /// A random id, named in the audit entries of its issue and its uses.
    public var id: String
    /// Who may use it, such as `node:gpu-01` or `tool:viewer`.
    public var principal: String
    /// The user who issued it, on whose behalf its uses are recorded.
    public var issuedBy: String
    public var projectID: String
    public var endpoint: String
    /// The one object the grant covers, or with ``isPrefix`` the folder whose objects it covers.
    public var path: String
    public var isPrefix: Bool
    public var method: Method
    public var purpose: String
    /// Seconds since 1970 after which the grant is refused.
    public var expires: Int64

    public init(
        id: String, principal: String, issuedBy: String, projectID: String, endpoint: String, path: String,
        isPrefix: Bool, method: Method, purpose: String, expires: Int64
    ) {
        self.id = id
        self.principal = principal
        self.issuedBy = issuedBy
        self.projectID = projectID
        self.endpoint = endpoint
        self.path = path
        self.isPrefix = isPrefix
        self.method = method
        self.purpose = purpose
        self.expires = expires
    }

    /// Why the grant does not cover `method` on `path` of `endpoint` in `projectID` at `now`, or nil if it does.
    public func problem(
        method: Method, projectID: String, endpoint: String, path: String, now: Int64
    ) -> String? {
        if now >= expires { return "the grant expired at \(expires) (seconds since 1970); ask for a new one" }
        if method != self.method { return "the grant allows \(self.method.rawValue), not \(method.rawValue)" }
        if projectID != self.projectID || endpoint != self.endpoint {
            return "the grant is for another project or storage endpoint"
        }
        let covered = isPrefix ? ObjectPath.isInside(path, prefix: self.path) : path == self.path
        return covered ? nil : "the grant covers `\(self.path)`\(isPrefix ? "/…" : ""), not `\(path)`"
    }
}
