/// What a job token allows: reading the job's declared inputs and writing under its output prefix, while it runs.
public struct JobGrant: Sendable, Equatable {
    public var jobID: String
    public var projectID: String
    public var submittedBy: String
    public var inputs: Set<String>
    public var outputPrefix: String
    /// The names of the secrets the job declared; it may read these, and no others, while it runs.
    public var secrets: Set<String>

    public init(
        jobID: String, projectID: String, submittedBy: String, inputs: Set<String>, outputPrefix: String,
        secrets: Set<String> = []
    ) {
        self.jobID = jobID
        self.projectID = projectID
        self.submittedBy = submittedBy
        self.inputs = inputs
        self.outputPrefix = outputPrefix
        self.secrets = secrets
    }
}
