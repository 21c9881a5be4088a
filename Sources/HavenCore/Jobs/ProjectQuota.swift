/// The compute limits a project's policy sets; `nil` means no limit.
public struct ProjectQuota: Sendable, Equatable, Codable {
    public var gpuHoursPerMonth: Double?
    public var concurrentGPUs: Int?
    public var longestSessionHours: Double?

    public init(gpuHoursPerMonth: Double? = nil, concurrentGPUs: Int? = nil, longestSessionHours: Double? = nil) {
        self.gpuHoursPerMonth = gpuHoursPerMonth
        self.concurrentGPUs = concurrentGPUs
        self.longestSessionHours = longestSessionHours
    }
}
