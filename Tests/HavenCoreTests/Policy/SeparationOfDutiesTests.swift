import Testing

@testable import HavenCore

@Suite struct SeparationOfDutiesTests {
    @Test func nobodyApprovesTheirOwnRequest() {
        #expect(SeparationOfDuties.checkApproval(approverID: "u1", requesterID: "u1")?.rule == "sod.self-approval")
        #expect(SeparationOfDuties.checkApproval(approverID: "u2", requesterID: "u1") == nil)
    }

    @Test func ownerCannotMakeThemselvesAuditorOrReviewer() {
        for role in [ProjectRole.auditor, .outputReviewer] {
            let refusal = SeparationOfDuties.checkRoleAssignment(
                callerID: "u1", callerIsAdmin: false, callerRole: .owner, userID: "u1", role: role)
            #expect(refusal?.rule == "sod.owner-oversight")
            let other = SeparationOfDuties.checkRoleAssignment(
                callerID: "u1", callerIsAdmin: false, callerRole: .owner, userID: "u2", role: role)
            #expect(other == nil)
        }
    }

    @Test func adminCannotSelfAssignAProjectRole() {
        let refusal = SeparationOfDuties.checkRoleAssignment(
            callerID: "a1", callerIsAdmin: true, callerRole: nil, userID: "a1", role: .researcher)
        #expect(refusal?.rule == "sod.admin-self-assign")
        #expect(
            SeparationOfDuties.checkRoleAssignment(
                callerID: "a1", callerIsAdmin: true, callerRole: nil, userID: "u2", role: .researcher) == nil)
    }
}
