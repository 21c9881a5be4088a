import HavenCore
import Testing

@Suite struct ModelAccessTests {
    func decide(_ role: ProjectRole, _ action: Action) -> Bool {
        let principal = Principal.user(id: "u1", name: "ada", isAdmin: false, roles: ["p1": role])
        return AccessRules.decide(principal, AccessRequest(action: action, projectID: "p1")).allowed
    }

    @Test func ownersRegisterReadAndPromoteModels() {
        #expect(decide(.owner, .modelRegister))
        #expect(decide(.owner, .modelRead))
        #expect(decide(.owner, .modelPromote))
    }

    @Test func researchersRegisterAndReadButDoNotPromote() {
        #expect(decide(.researcher, .modelRegister))
        #expect(decide(.researcher, .modelRead))
        #expect(!decide(.researcher, .modelPromote))
    }

    @Test func otherRolesHaveNoModelRights() {
        for role in [ProjectRole.dataSteward, .outputReviewer, .auditor] {
            for action in [Action.modelRegister, .modelRead, .modelPromote] {
                #expect(!decide(role, action), "\(role) \(action)")
            }
        }
    }

    @Test func aJobTokenCannotTouchTheRegistry() {
        let grant = JobGrant(jobID: "j1", projectID: "p1", submittedBy: "u1", inputs: [], outputPrefix: "jobs/j1")
        let decision = AccessRules.decide(.job(grant), AccessRequest(action: .modelRead, projectID: "p1"))
        #expect(!decision.allowed)
    }
}
