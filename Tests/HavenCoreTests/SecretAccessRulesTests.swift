import Testing

@testable import HavenCore

@Suite struct SecretAccessRulesTests {
    let grant = JobGrant(
        jobID: "job-1", projectID: "p1", submittedBy: "u1", inputs: [], outputPrefix: "jobs/job-1",
        secrets: ["pacs-password"])

    func user(_ role: ProjectRole) -> Principal {
        .user(id: "u1", name: "ada", isAdmin: false, roles: ["p1": role])
    }

    func request(_ action: Action, project: String = "p1", secret: String = "pacs-password") -> AccessRequest {
        AccessRequest(action: action, projectID: project, secretName: secret)
    }

    @Test func ownerReadsUsesAndWritesSecrets() {
        for action in [Action.secretRead, .secretUse, .secretWrite] {
            #expect(AccessRules.decide(user(.owner), request(action)).allowed, "owner \(action.rawValue)")
        }
    }

    @Test func researcherUsesAndWritesButCannotRead() {
        #expect(AccessRules.decide(user(.researcher), request(.secretUse)).allowed)
        #expect(AccessRules.decide(user(.researcher), request(.secretWrite)).allowed)
        let read = AccessRules.decide(user(.researcher), request(.secretRead))
        #expect(!read.allowed)
        #expect(read.rule == "role.researcher")
    }

    @Test func auditorAndStewardNeitherReadNorUseSecrets() {
        for role in [ProjectRole.auditor, .dataSteward, .outputReviewer] {
            #expect(!AccessRules.decide(user(role), request(.secretRead)).allowed)
            #expect(!AccessRules.decide(user(role), request(.secretUse)).allowed)
        }
    }

    @Test func adminRotatesTheKeyEncryptionKeyButReadsNoSecret() {
        let admin = Principal.user(id: "a", name: "admin", isAdmin: true, roles: [:])
        #expect(AccessRules.decide(admin, AccessRequest(action: .vaultRotateKEK)).allowed)
        #expect(!AccessRules.decide(admin, request(.secretRead)).allowed)
    }

    @Test func jobReadsOnlyTheSecretsItDeclared() {
        let declared = AccessRules.decide(.job(grant), request(.secretRead))
        #expect(declared.allowed)
        #expect(declared.rule == "job.secrets")
        #expect(!AccessRules.decide(.job(grant), request(.secretRead, secret: "s3-key")).allowed)
        #expect(!AccessRules.decide(.job(grant), request(.secretRead, project: "p2")).allowed)
        #expect(!AccessRules.decide(.job(grant), request(.secretWrite)).allowed)
    }
}
