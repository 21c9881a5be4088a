/// What must also hold for a rule to apply; every condition set must hold.
public struct PolicyConditions: Sendable, Equatable {
    /// The project must be active and within its start and end dates.
    public var projectActive: Bool
    /// The dataset's classification must be one of these.
    public var classifications: Set<String>
    /// The declared purpose must be one of these; `approved` stands for the project's approved purpose.
    public var purposes: Set<String>
    /// The request must fall inside this window.
    public var timeWindow: TimeWindow?
    /// The caller must have signed in with more than one factor.
    public var mfa: Bool

    public init(
        projectActive: Bool = false, classifications: Set<String> = [], purposes: Set<String> = [],
        timeWindow: TimeWindow? = nil, mfa: Bool = false
    ) {
        self.projectActive = projectActive
        self.classifications = classifications
        self.purposes = purposes
        self.timeWindow = timeWindow
        self.mfa = mfa
    }

    /// The word a policy file uses for "the project's approved purpose".
    public static let approvedPurpose = "approved"

    /// The first condition that does not hold, or `nil` when all hold; the cheapest checks come first.
    public func failure(_ query: PolicyQuery) -> PolicyMismatch? {
        if mfa, !query.mfa { return .mfa }
        if !classifications.isEmpty, !classifications.contains(query.classification ?? "") {
            return .classification(query.classification, classifications)
        }
        if !purposes.isEmpty, !purposeHolds(query) { return .purpose(query.purpose, purposes) }
        if projectActive {
            guard let project = query.project else { return .noProject }
            guard project.isActive(at: query.time) else {
                return .projectInactive(name: project.name, state: project.state)
            }
        }
        if let timeWindow, !timeWindow.contains(query.time) { return .timeWindow(timeWindow) }
        return nil
    }

    private func purposeHolds(_ query: PolicyQuery) -> Bool {
        guard let declared = query.purpose else { return false }
        if purposes.contains(declared) { return true }
        return purposes.contains(Self.approvedPurpose) && declared == query.project?.purpose
    }
}
