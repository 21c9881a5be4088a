/// What a project owner does to a model version.
public enum ModelEvent: String, Sendable, Codable, CaseIterable {
    /// Put a candidate into use.
    case promote
    /// Withdraw a candidate or a deployed version.
    case retire
}
