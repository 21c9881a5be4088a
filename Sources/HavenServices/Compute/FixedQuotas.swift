import HavenCore

/// Quotas given by project name, for a server configured by hand (and for tests); a project not named has none.
public struct FixedQuotas: QuotaSource {
    public var quotas: [String: ProjectQuota]

    public init(_ quotas: [String: ProjectQuota] = [:]) {
        self.quotas = quotas
    }

    public func quota(forProject project: String) -> ProjectQuota {
        quotas[project] ?? ProjectQuota()
    }
}
