import Foundation

/// What a policy decision needs beyond the principal and the request: the project's facts, the caller's groups
/// and sign-in, the dataset, the declared purpose and the time.
public struct AccessEnvironment: Sendable {
    public var project: ProjectFacts?
    /// Groups the user is a member of, besides `admins` which platform admins are in by being admins.
    public var groups: Set<String>
    public var mfa: Bool
    public var purpose: String?
    public var dataset: String?
    public var classification: String?
    public var time: Date

    public init(
        project: ProjectFacts? = nil, groups: Set<String> = [], mfa: Bool = false, purpose: String? = nil,
        dataset: String? = nil, classification: String? = nil, time: Date = Date()
    ) {
        self.project = project
        self.groups = groups
        self.mfa = mfa
        self.purpose = purpose
        self.dataset = dataset
        self.classification = classification
        self.time = time
    }
}
