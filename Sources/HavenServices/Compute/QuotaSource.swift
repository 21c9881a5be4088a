import HavenCore

/// Where admission finds a project's compute limits; the governance policies fill it in a full deployment.
public protocol QuotaSource: Sendable {
    /// The limits of the project named `project`; no limits when its policy sets none.
    func quota(forProject project: String) -> ProjectQuota
}
