/// What a job does; the runtime named in the job decides how.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    case train
    case infer
    case evaluate
}
