/// One attempt of a job that a claim placed on a pool.
struct Placement: Sendable, Equatable {
    var jobID: String
    var attempt: Int
    var projectID: String
    var submittedBy: String
}
