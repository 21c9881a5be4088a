import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

/// Policies as code against a real server: apply, dry run, explain, history and rollback, decided at once.
@Suite(.timeLimit(.minutes(5))) struct PolicyApplyTests {
    static let object = "/v1/projects/spine-ct/objects/images/a.txt"
    static let question = PolicyAPI.ExplainQuery(
        user: "researcher", action: "data.read", resource: "spine-ct/images:images/a.txt")

    /// The shipped policy files, and the same with `data.read` taken out of the researcher role.
    static func withoutResearcherReads() throws -> (shipped: [PolicyFile], changed: [PolicyFile]) {
        (try ShippedPolicy.files(), try ShippedPolicy.withoutResearcher("data.read"))
    }

    @Test func removingARuleRefusesTheSameTokenAtOnceAndExplainNamesTheRule() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let data = Data("scan".utf8)
        let _: ObjectAPI.View = try await researcher.put(Self.object, data: data, sha256: nil)
        #expect(try await researcher.data(Self.object) == data)
        let before: PolicyAPI.Explanation = try await test.admin.post("/v1/policies/explain", Self.question)
        #expect(before.allowed)
        #expect(before.rule == "role.researcher")
        #expect(before.verdicts.first { $0.decided }?.rule == "role.researcher")

        // The dry run lists exactly the one lost permission and changes nothing.
        let (shipped, changed) = try Self.withoutResearcherReads()
        let dry: PolicyAPI.Applied = try await test.admin.post(
            "/v1/policies", PolicyAPI.Apply(files: changed, dryRun: true))
        let lostRead = PolicyGrant(
            effect: .allow, principal: "role:researcher", action: "data.read", resource: "*",
            conditions: "project active")
        #expect(dry.version == nil)
        #expect(dry.diff.lost == [lostRead])
        #expect(dry.diff.gained.isEmpty)
        #expect(try await researcher.data(Self.object) == data)

        let applied: PolicyAPI.Applied = try await test.admin.post(
            "/v1/policies", PolicyAPI.Apply(files: changed, dryRun: false))
        #expect(applied.version == 1)
        #expect(applied.diff == dry.diff)
        await #expect { try await researcher.data(Self.object) } throws: { ($0 as? HavenClientError)?.status == 403 }

        let after: PolicyAPI.Explanation = try await test.admin.post("/v1/policies/explain", Self.question)
        #expect(!after.allowed)
        #expect(after.version == 1)
        let researcherVerdict = try #require(after.verdicts.first { $0.rule == "role.researcher" })
        #expect(!researcherVerdict.decided)
        #expect(researcherVerdict.because.contains("does not cover action `data.read`"))
        #expect(after.reason.contains("no rule allows data.read for the researcher role"))

        let denial = try await AuditTrail.first(of: "spine-ct", as: auditor) {
            $0.outcome == .denied && $0.action == "data.read" && $0.actor == "user:researcher"
        }
        #expect(denial?.rule == "role.researcher")
        let allowedRead = try await AuditTrail.first(of: "spine-ct", as: auditor) {
            $0.outcome == .success && $0.action == "data.read" && $0.actor == "user:researcher"
        }
        #expect(allowedRead?.rule == "role.researcher")

        // Applying the shipped files again restores reads; rolling back to version 1 takes them away again.
        let _: PolicyAPI.Applied = try await test.admin.post(
            "/v1/policies", PolicyAPI.Apply(files: shipped, dryRun: false))
        #expect(try await researcher.data(Self.object) == data)
        let rolledBack: PolicyAPI.Applied = try await test.admin.post(
            "/v1/policies/rollback", PolicyAPI.Rollback(version: 1))
        #expect(rolledBack.version == 3)
        #expect(rolledBack.diff.lost == [lostRead])
        await #expect { try await researcher.data(Self.object) } throws: { ($0 as? HavenClientError)?.status == 403 }

        let history: [PolicyAPI.Version] = try await test.admin.get("/v1/policies")
        #expect(history.map(\.version) == [3, 2, 1])
        #expect(history.map(\.active) == [true, false, false])
        #expect(history[0].restores == 1)
        #expect(history[2].contentHash == dry.contentHash)
        #expect(history[0].contentHash == dry.contentHash)
        #expect(history[0].appliedBy == "admin")
    }

    @Test func onlyPlatformAdminsChangePolicies() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let (shipped, _) = try Self.withoutResearcherReads()
        await #expect {
            let _: PolicyAPI.Applied = try await researcher.post(
                "/v1/policies", PolicyAPI.Apply(files: shipped, dryRun: false))
        } throws: { ($0 as? HavenClientError)?.status == 403 }
    }

    @Test func aBrokenPolicyFileIsRefusedWithItsPlace() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let broken = PolicyFile(name: "broken.yaml", content: "rules:\n  - id: x\n    effect: perhaps\n")
        await #expect {
            let _: PolicyAPI.Applied = try await test.admin.post(
                "/v1/policies", PolicyAPI.Apply(files: [broken], dryRun: false))
        } throws: { error in
            guard let error = error as? HavenClientError else { return false }
            return error.status == 400 && "\(error)".contains("broken.yaml:3:13")
        }
        let history: [PolicyAPI.Version] = try await test.admin.get("/v1/policies")
        #expect(history.isEmpty)
    }
}

/// Conditions decided with the facts the server holds: the project's approved purpose, a dataset's classification.
@Suite(.timeLimit(.minutes(5))) struct PolicyConditionTests {
    static let rule = """
        rules:
          - id: researcher.pseudonymised-for-purpose
            effect: allow
            principals: {roles: [researcher]}
            actions: [data.read]
            conditions:
              project_active: true
              classifications: [pseudonymised]
              purposes: [approved]
        """

    @Test func purposeAndClassificationComeFromTheProjectAndDataset() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        _ = try await test.projectWithMembers()
        let _: ProjectAPI.Storage = try await test.admin.post(
            "/v1/projects/spine-ct/storage", ProjectAPI.CreateStorage(name: "named", classification: "identifiable"))
        let _: GovernanceAPI.Revoked = try await test.admin.post(
            "/v1/projects/spine-ct/lifecycle", GovernanceAPI.Lifecycle(purpose: "vertebra segmentation"))
        var files = try PolicyApplyTests.withoutResearcherReads().changed
        files.append(PolicyFile(name: "zz-conditions.yaml", content: Self.rule))
        let _: PolicyAPI.Applied = try await test.admin.post(
            "/v1/policies", PolicyAPI.Apply(files: files, dryRun: false))

        func explain(_ resource: String, purpose: String?) async throws -> PolicyAPI.Explanation {
            try await test.admin.post(
                "/v1/policies/explain",
                PolicyAPI.ExplainQuery(user: "researcher", action: "data.read", resource: resource, purpose: purpose))
        }
        let approved = try await explain("spine-ct/images:a.nii.gz", purpose: "vertebra segmentation")
        #expect(approved.allowed)
        #expect(approved.rule == "researcher.pseudonymised-for-purpose")
        let otherPurpose = try await explain("spine-ct/images:a.nii.gz", purpose: "marketing")
        #expect(!otherPurpose.allowed)
        let verdict = otherPurpose.verdicts.first { $0.rule == "researcher.pseudonymised-for-purpose" }
        #expect(verdict?.because.contains("declared purpose `marketing`") == true)
        let identifiable = try await explain("spine-ct/named:a.nii.gz", purpose: "vertebra segmentation")
        #expect(!identifiable.allowed)
        let named = identifiable.verdicts.first { $0.rule == "researcher.pseudonymised-for-purpose" }
        #expect(named?.because.contains("classification `identifiable`") == true)
    }
}

/// A policy applied through one replica is in force on the others once they hear its NOTIFY.
@Suite(.timeLimit(.minutes(5))) struct PolicyReplicaTests {
    @Test func anotherReplicaDecidesByTheNewVersion() async throws {
        let url = try await TestDatabase.makeDatabase()
        let first = try await TestServer.start(databaseURL: url)
        defer { Task { await first.server.shutdown() } }
        let second = try await first.replica(databaseURL: url)
        defer { Task { await second.server.shutdown() } }
        let (researcher, _) = try await first.projectWithMembers()
        let _: ObjectAPI.View = try await researcher.put(PolicyApplyTests.object, data: Data("x".utf8), sha256: nil)
        let onSecond = researcher.rebased(on: second.server.url)
        #expect(try await onSecond.data(PolicyApplyTests.object) == Data("x".utf8))

        let changed = try PolicyApplyTests.withoutResearcherReads().changed
        let _: PolicyAPI.Applied = try await first.admin.post(
            "/v1/policies", PolicyAPI.Apply(files: changed, dryRun: false))
        // The second replica reloads on NOTIFY; poll its explain (no timing is asserted, the suite bounds the wait).
        var version: Int?
        while version != 1 {
            let explanation: PolicyAPI.Explanation = try await second.admin.post(
                "/v1/policies/explain", PolicyApplyTests.question)
            version = explanation.version
            if version != 1 { try await Task.sleep(for: .milliseconds(50)) }
        }
        await #expect { try await onSecond.data(PolicyApplyTests.object) } throws: {
            ($0 as? HavenClientError)?.status == 403
        }
    }
}
