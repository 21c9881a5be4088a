import HavenCore
import YAML

/// Reads the `quotas` section of a policy file: `default` limits and `projects` by name.
struct PolicyQuotaReader {
    let reader: PolicyNodeReader
    static let limitKeys: Set<String> = [
        "gpu_hours_per_month", "concurrent_gpus", "longest_session_hours", "session_idle_minutes",
    ]

    func merge(_ node: YAMLNode, into quotas: inout PolicyQuotas) throws {
        let fields = try reader.mapping(node, "`quotas`", keys: ["default", "projects"])
        if let standard = fields["default"] { quotas.standard = try quota(standard) }
        guard let projects = fields["projects"] else { return }
        guard case .mapping(let entries, _) = projects else {
            throw reader.fail(projects, "`projects` must map project names to limits")
        }
        for (name, limits) in entries {
            guard quotas.projects[name] == nil else {
                throw reader.fail(limits, "project `\(name)` has quotas in two places; keep one")
            }
            quotas.projects[name] = try quota(limits)
        }
    }

    private func quota(_ node: YAMLNode) throws -> ProjectQuota {
        let fields = try reader.mapping(node, "a quota", keys: Self.limitKeys)
        return ProjectQuota(
            gpuHoursPerMonth: try reader.number(fields["gpu_hours_per_month"], "gpu_hours_per_month"),
            concurrentGPUs: try reader.count(fields["concurrent_gpus"], "concurrent_gpus"),
            longestSessionHours: try reader.number(fields["longest_session_hours"], "longest_session_hours"),
            sessionIdleMinutes: try reader.number(fields["session_idle_minutes"], "session_idle_minutes"))
    }
}
