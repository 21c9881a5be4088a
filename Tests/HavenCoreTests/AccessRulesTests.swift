import Testing

@testable import HavenCore

@Suite struct AccessRulesTests {
    let grant = JobGrant(
        jobID: "job-1", projectID: "p1", submittedBy: "u1", inputs: ["images/ct.nii.gz"], outputPrefix: "jobs/job-1")

    func user(admin: Bool = false, roles: [String: ProjectRole] = [:]) -> Principal {
        .user(id: "u1", name: "ada", isAdmin: admin, roles: roles)
    }

    @Test func userWithoutRoleIsDeniedByDefault() {
        let decision = AccessRules.decide(user(), AccessRequest(action: .dataRead, projectID: "p1", objectPath: "a"))
        #expect(!decision.allowed)
        #expect(decision.rule == "default.deny")
    }

    @Test func adminRunsPlatformButDoesNotReadProjectData() {
        let admin = user(admin: true)
        #expect(AccessRules.decide(admin, AccessRequest(action: .projectCreate)).allowed)
        #expect(AccessRules.decide(admin, AccessRequest(action: .userCreate)).allowed)
        #expect(!AccessRules.decide(admin, AccessRequest(action: .dataRead, projectID: "p1", objectPath: "a")).allowed)
        #expect(!AccessRules.decide(admin, AccessRequest(action: .auditExport, projectID: "p1")).allowed)
    }

    @Test func researcherReadsAndSubmitsOnlyInOwnProject() {
        let researcher = user(roles: ["p1": .researcher])
        #expect(
            AccessRules.decide(researcher, AccessRequest(action: .dataRead, projectID: "p1", objectPath: "a")).allowed)
        #expect(AccessRules.decide(researcher, AccessRequest(action: .jobSubmit, projectID: "p1")).allowed)
        #expect(
            !AccessRules.decide(researcher, AccessRequest(action: .dataRead, projectID: "p2", objectPath: "a")).allowed)
        #expect(!AccessRules.decide(researcher, AccessRequest(action: .auditExport, projectID: "p1")).allowed)
    }

    @Test func auditorExportsButCannotReadData() {
        let auditor = user(roles: ["p1": .auditor])
        #expect(AccessRules.decide(auditor, AccessRequest(action: .auditExport, projectID: "p1")).allowed)
        let read = AccessRules.decide(auditor, AccessRequest(action: .dataRead, projectID: "p1", objectPath: "a"))
        #expect(!read.allowed)
        #expect(read.rule == "role.auditor")
    }

    @Test func jobReadsOnlyDeclaredInputs() {
        let job = Principal.job(grant)
        let input = AccessRequest(action: .dataRead, projectID: "p1", objectPath: "images/ct.nii.gz")
        let other = AccessRequest(action: .dataRead, projectID: "p1", objectPath: "images/other.nii.gz")
        #expect(AccessRules.decide(job, input).allowed)
        #expect(!AccessRules.decide(job, other).allowed)
        #expect(AccessRules.decide(job, other).rule == "job.scope")
    }

    @Test func jobWritesOnlyUnderItsOutputPrefix() {
        let job = Principal.job(grant)
        let inside = AccessRequest(action: .dataWrite, projectID: "p1", objectPath: "jobs/job-1/mask.nii.gz")
        let sibling = AccessRequest(action: .dataWrite, projectID: "p1", objectPath: "jobs/job-10/mask.nii.gz")
        let prefixItself = AccessRequest(action: .dataWrite, projectID: "p1", objectPath: "jobs/job-1")
        #expect(AccessRules.decide(job, inside).allowed)
        #expect(!AccessRules.decide(job, sibling).allowed)
        #expect(!AccessRules.decide(job, prefixItself).allowed)
    }

    @Test func jobReportsOnlyOnItselfAndOnlyInItsProject() {
        let job = Principal.job(grant)
        #expect(AccessRules.decide(job, AccessRequest(action: .jobReport, projectID: "p1", jobID: "job-1")).allowed)
        #expect(!AccessRules.decide(job, AccessRequest(action: .jobReport, projectID: "p1", jobID: "job-2")).allowed)
        #expect(!AccessRules.decide(job, AccessRequest(action: .jobRead, projectID: "p1", jobID: "job-2")).allowed)
        let elsewhere = AccessRequest(action: .dataRead, projectID: "p2", objectPath: "images/ct.nii.gz")
        #expect(!AccessRules.decide(job, elsewhere).allowed)
    }

    @Test func usersNeverWriteUnderTheJobsFolder() {
        let researcher = user(roles: ["p1": .researcher])
        let planted = AccessRequest(action: .dataWrite, projectID: "p1", objectPath: "jobs/j1/mask.nii.gz")
        let decision = AccessRules.decide(researcher, planted)
        #expect(!decision.allowed)
        #expect(decision.rule == "jobs.reserved")
        #expect(
            AccessRules.decide(researcher, AccessRequest(action: .dataWrite, projectID: "p1", objectPath: "jobsx/a"))
                .allowed)
    }

    @Test func ownersDoNotCreateStorageEndpoints() {
        let owner = user(roles: ["p1": .owner])
        #expect(!AccessRules.decide(owner, AccessRequest(action: .storageCreate, projectID: "p1")).allowed)
    }
}
