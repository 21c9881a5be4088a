/// The compute a project holds and has used, as admission sees it.
public struct ProjectUsage: Sendable, Equatable {
    /// GPU-hours of attempts in the current calendar month, from their real start and end times.
    public var gpuHoursThisMonth: Double
    /// GPUs of the project's jobs admitted and not yet ended: they hold or wait for GPUs.
    public var gpusInFlight: Int

    public init(gpuHoursThisMonth: Double = 0, gpusInFlight: Int = 0) {
        self.gpuHoursThisMonth = gpuHoursThisMonth
        self.gpusInFlight = gpusInFlight
    }
}
