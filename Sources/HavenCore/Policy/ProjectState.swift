/// Where a project is in its lifecycle; only an active project within its dates does research.
public enum ProjectState: String, Sendable, Codable, CaseIterable {
    /// Asked for, not yet approved.
    case proposed
    /// Approved and running.
    case active
    /// Finished: no more work, data kept for audit.
    case ended
    /// Closed and kept only as a record.
    case archived
}
