/// Where a registered model version stands: under evaluation, in use, or withdrawn for good.
public enum ModelState: String, Sendable, Codable, CaseIterable {
    /// Registered and open to evaluation; inference jobs may already name it.
    case candidate
    /// Approved by a project owner for use.
    case deployed
    /// Withdrawn; no new job may name it, and it never comes back.
    case retired

    /// Whether a new inference job may name a model version in this state.
    public var acceptsNewJobs: Bool {
        self != .retired
    }
}
