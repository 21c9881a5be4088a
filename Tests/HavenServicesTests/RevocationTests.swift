import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

/// Revocation takes effect on the next request and stops the identity's live jobs, each stop audited.
@Suite(.timeLimit(.minutes(5))) struct RevocationTests {
    struct Empty: Codable {}

    @Test func disabledUsersRunningJobIsStoppedAndAudited() async throws {
        let test = try await TestServer.start(runner: try StandInRunner.make())
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let (job, work, _) = try await StandInRunner.placedJob(on: test, as: researcher)

        let revoked: GovernanceAPI.Revoked = try await test.admin.post("/v1/users/researcher/disable", Empty())
        #expect(revoked.stoppedJobs == [job.id])
        await #expect {
            let _: [String: String] = try await researcher.get("/v1/whoami")
        } throws: { ($0 as? HavenClientError)?.status == 401 }
        // The pool driver stops the runner: the stand-in writes `terminated` on SIGTERM.
        _ = try await StandInRunner.waitForFile(work.appending(path: "terminated"))
        let stopped: JobAPI.View = try await auditor.get("/v1/jobs/" + job.id)
        #expect(stopped.state == .cancelled)

        let stop = try await AuditTrail.first(of: "spine-ct", as: auditor) { $0.action == "job.revoke" }
        #expect(stop?.resource == "job:" + job.id)
        #expect(stop?.rule == "revoke.user-disabled")
        #expect(stop?.actor == "user:admin")

        let _: GovernanceAPI.Revoked = try await test.admin.post("/v1/users/researcher/enable", Empty())
        let again: [String: String] = try await researcher.get("/v1/whoami")
        #expect(again["actor"] == "user:researcher")
    }

    @Test func endingAProjectOrRemovingARoleRefusesTheNextRequest() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let path = "/v1/projects/spine-ct/objects/images/a.txt"
        let _: ObjectAPI.View = try await researcher.put(path, data: Data("a".utf8), sha256: nil)

        let _: GovernanceAPI.Revoked = try await test.admin.post(
            "/v1/projects/spine-ct/lifecycle", GovernanceAPI.Lifecycle(state: .ended))
        await #expect { try await researcher.data(path) } throws: { ($0 as? HavenClientError)?.status == 403 }
        let _: GovernanceAPI.Revoked = try await test.admin.post(
            "/v1/projects/spine-ct/lifecycle", GovernanceAPI.Lifecycle(state: .active))
        #expect(try await researcher.data(path) == Data("a".utf8))

        _ = try await test.admin.raw("DELETE", "/v1/projects/spine-ct/members/researcher")
        await #expect { try await researcher.data(path) } throws: { ($0 as? HavenClientError)?.status == 403 }
        let removal = try await AuditTrail.first(of: "spine-ct", as: auditor) { $0.action == "project.member.remove" }
        #expect(removal?.outcome == .success)
    }

    @Test func separationOfDutiesIsEnforcedByTheServer() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let _: ProjectAPI.View = try await test.admin.post("/v1/projects", ProjectAPI.Create(name: "spine-ct"))
        await #expect {
            let _: ProjectAPI.Member = try await test.admin.post(
                "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "admin", role: .researcher))
        } throws: { error in
            guard let error = error as? HavenClientError else { return false }
            return error.status == 403 && "\(error)".contains("cannot give themselves")
        }
        let owner: UserAPI.Created = try await test.admin.post("/v1/users", UserAPI.Create(name: "olga"))
        let _: ProjectAPI.Member = try await test.admin.post(
            "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "olga", role: .owner))
        let asOwner = test.admin.with(token: owner.token)
        await #expect {
            let _: ProjectAPI.Member = try await asOwner.post(
                "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "olga", role: .auditor))
        } throws: { ($0 as? HavenClientError)?.status == 403 }
    }
}

/// API tokens: shown once, listed, scoped, expiring and revocable, each refusal taking effect on the next request.
@Suite(.timeLimit(.minutes(5))) struct TokenLifecycleTests {
    @Test func scopedTokenIsLimitedAndARevokedOneRefusedAtOnce() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let path = "/v1/projects/spine-ct/objects/images/a.txt"
        let _: ObjectAPI.View = try await researcher.put(path, data: Data("a".utf8), sha256: nil)

        let created: TokenAPI.Created = try await researcher.post(
            "/v1/tokens", TokenAPI.Create(label: "read only", expiresInHours: 1, scopes: ["data.read", "pool.*"]))
        #expect(created.secret.hasPrefix("hvn_"))
        #expect(created.token.scopes == ["data.read", "pool.*"])
        let expiry = try #require(created.token.expiresAt)
        // One hour from now, give or take the request's own time.
        #expect(abs(expiry.timeIntervalSinceNow - 3600) < 120)
        let readOnly = researcher.with(token: created.secret)
        #expect(try await readOnly.data(path) == Data("a".utf8))
        await #expect {
            let _: ObjectAPI.View = try await readOnly.put(path, data: Data("b".utf8), sha256: nil)
        } throws: { ($0 as? HavenClientError)?.status == 403 }

        let mine: [TokenAPI.View] = try await researcher.get("/v1/tokens")
        #expect(mine.map(\.label).sorted() == ["first token", "read only"])
        await #expect {
            let _: [TokenAPI.View] = try await researcher.get("/v1/tokens?user=admin")
        } throws: { ($0 as? HavenClientError)?.status == 403 }

        _ = try await test.admin.raw("DELETE", "/v1/tokens/" + created.token.id)
        await #expect { try await readOnly.data(path) } throws: { ($0 as? HavenClientError)?.status == 401 }
        #expect(try await researcher.data(path) == Data("a".utf8))
    }
}
