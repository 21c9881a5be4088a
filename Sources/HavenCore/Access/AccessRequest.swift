/// One thing a principal asks to do: an action, with the project, object and job it concerns.
public struct AccessRequest: Sendable, Equatable {
    public var action: Action
    public var projectID: String?
    public var objectPath: String?
    public var jobID: String?
    /// The secret a `secret.*` action concerns.
    public var secretName: String?

    public init(
        action: Action, projectID: String? = nil, objectPath: String? = nil, jobID: String? = nil,
        secretName: String? = nil
    ) {
        self.action = action
        self.projectID = projectID
        self.objectPath = objectPath
        self.jobID = jobID
        self.secretName = secretName
    }
}
