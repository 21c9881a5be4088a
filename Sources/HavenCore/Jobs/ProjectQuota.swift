/// The compute limits a project's policy sets; `nil` means no limit.
public struct ProjectQuota: Sendable, Equatable, Codable {
    public var gpuHoursPerMonth: Double?
    public var concurrentGPUs: Int?
    public var longestSessionHours: Double?
    /// How long an interactive session may go without a byte through its gateway before Haven ends it;
    /// `nil` means the built-in ``defaultSessionIdleMinutes``.
    public var sessionIdleMinutes: Double?

    /// The idle limit of a session when the policy sets none.
    public static let defaultSessionIdleMinutes = 60.0

    public init(
        gpuHoursPerMonth: Double? = nil, concurrentGPUs: Int? = nil, longestSessionHours: Double? = nil,
        sessionIdleMinutes: Double? = nil
    ) {
        self.gpuHoursPerMonth = gpuHoursPerMonth
        self.concurrentGPUs = concurrentGPUs
        self.longestSessionHours = longestSessionHours
        self.sessionIdleMinutes = sessionIdleMinutes
    }
}
