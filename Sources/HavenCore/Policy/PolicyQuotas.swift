/// The compute limits a policy sets: one for every project, and overrides for named projects.
public struct PolicyQuotas: Sendable, Equatable {
    /// The limits of a project the policy does not name.
    public var standard: ProjectQuota
    /// Limits by project name; a field left `nil` here falls back to `standard`.
    public var projects: [String: ProjectQuota]

    public init(standard: ProjectQuota = ProjectQuota(), projects: [String: ProjectQuota] = [:]) {
        self.standard = standard
        self.projects = projects
    }

    /// The limits that apply to the project named `name`.
    public func quota(forProject name: String) -> ProjectQuota {
        guard let named = projects[name] else { return standard }
        return ProjectQuota(
            gpuHoursPerMonth: named.gpuHoursPerMonth ?? standard.gpuHoursPerMonth,
            concurrentGPUs: named.concurrentGPUs ?? standard.concurrentGPUs,
            longestSessionHours: named.longestSessionHours ?? standard.longestSessionHours,
            sessionIdleMinutes: named.sessionIdleMinutes ?? standard.sessionIdleMinutes)
    }
}
