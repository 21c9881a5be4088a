/// Duties that one person may not hold together, enforced whatever the policy files say.
///
/// Nobody approves or reviews their own request; a project's owner cannot make themselves the project's auditor or
/// output reviewer, who oversee the owner; a platform admin cannot give themselves a role in a project.
public enum SeparationOfDuties {
    /// The roles that oversee a project's owner.
    public static let oversightRoles: Set<ProjectRole> = [.auditor, .outputReviewer]

    /// A refusal when `approverID` would approve or review a request `requesterID` made, else `nil`.
    public static func checkApproval(approverID: String, requesterID: String) -> AccessDecision? {
        guard approverID == requesterID else { return nil }
        return .deny("sod.self-approval", "nobody approves or reviews their own request; ask another reviewer")
    }

    /// A refusal when the caller would give `userID` the `role` in a project against a separation of duties.
    ///
    /// - Parameters:
    ///   - callerID: who is assigning the role.
    ///   - callerIsAdmin: whether the caller is a platform admin.
    ///   - callerRole: the caller's current role in the project.
    ///   - userID: who would receive the role.
    ///   - role: the role given.
    public static func checkRoleAssignment(
        callerID: String, callerIsAdmin: Bool, callerRole: ProjectRole?, userID: String, role: ProjectRole
    ) -> AccessDecision? {
        guard callerID == userID else { return nil }
        if callerRole == .owner, oversightRoles.contains(role) {
            return .deny(
                "sod.owner-oversight",
                "a project owner cannot make themselves its \(role.rawValue); ask a platform admin to name another")
        }
        if callerIsAdmin {
            return .deny(
                "sod.admin-self-assign",
                "a platform admin cannot give themselves a project role; ask another admin or the project owner")
        }
        return nil
    }
}
