/// What a user may do inside one project; a user holds at most one role per project.
public enum ProjectRole: String, Sendable, Codable, CaseIterable {
    /// Runs the project: adds members and storage, and may do what a researcher does.
    case owner
    /// Imports data, submits jobs and reads the project's data.
    case researcher
    /// Approves data coming in and going out.
    case dataSteward = "data_steward"
    /// Reviews outputs before they leave.
    case outputReviewer = "output_reviewer"
    /// Reads the project's access log and its job and object listings, never the data itself.
    case auditor
}
