/// What a job does; the runtime named in the job decides how.
public enum JobKind: String, Sendable, Codable, CaseIterable {
    case train
    case infer
    case evaluate
    /// An interactive GPU session (Jupyter, 3D Slicer or a shell) that a researcher connects to.
    case session
}
