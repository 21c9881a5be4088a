/// What a job token allows: reading the job's declared inputs and writing under its output prefix, while it runs.
public struct JobGrant: Sendable, Equatable {
    public var jobID: String
    public var projectID: String
    public var submittedBy: String
    public var inputs: Set<String>
    public var outputPrefix: String

    public init(jobID: String, projectID: String, submittedBy: String, inputs: Set<String>, outputPrefix: String) {
        self.jobID = jobID
        self.projectID = projectID
        self.submittedBy = submittedBy
        self.inputs = inputs
        self.outputPrefix = outputPrefix
    }
}
