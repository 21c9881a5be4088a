import Foundation

/// Everything a policy decision looks at: who asks, for what, on which resource, and when.
public struct PolicyQuery: Sendable {
    public var user: String
    /// The groups the user belongs to; platform admins are in `admins`.
    public var groups: Set<String>
    /// The user's role in `project`, if any.
    public var role: ProjectRole?
    public var action: String
    public var project: ProjectFacts?
    /// The dataset (storage endpoint) the request reads or writes.
    public var dataset: String?
    /// The classification of that dataset, for example `pseudonymised`.
    public var classification: String?
    /// The object path inside the dataset.
    public var path: String?
    /// The purpose the caller declared for this request.
    public var purpose: String?
    /// Whether the caller signed in with more than one factor.
    public var mfa: Bool
    public var time: Date

    public init(
        user: String, groups: Set<String> = [], role: ProjectRole? = nil, action: String,
        project: ProjectFacts? = nil, dataset: String? = nil, classification: String? = nil, path: String? = nil,
        purpose: String? = nil, mfa: Bool = false, time: Date = Date()
    ) {
        self.user = user
        self.groups = groups
        self.role = role
        self.action = action
        self.project = project
        self.dataset = dataset
        self.classification = classification
        self.path = path
        self.purpose = purpose
        self.mfa = mfa
        self.time = time
    }
}
