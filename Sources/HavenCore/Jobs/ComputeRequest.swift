/// What a job asks of its project's compute quota.
public struct ComputeRequest: Sendable, Equatable {
    public var kind: JobKind
    public var gpus: Int
    /// The job's time limit; `nil` when it has none.
    public var hours: Double?

    public init(kind: JobKind, gpus: Int, hours: Double? = nil) {
        self.kind = kind
        self.gpus = gpus
        self.hours = hours
    }
}
