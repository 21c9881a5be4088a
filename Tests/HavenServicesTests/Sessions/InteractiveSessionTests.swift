import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Interactive sessions on a real server whose local pool starts the real `haven` runner: the runner opens a
/// gateway on this machine's loopback, and shells run behind it.
@Suite(.timeLimit(.minutes(5))) struct InteractiveSessionTests {
    /// A second researcher of `spine-ct`, who must not reach the first one's session.
    static func otherResearcher(_ test: TestServer) async throws -> HavenClient {
        let other: UserAPI.Created = try await test.admin.post("/v1/users", UserAPI.Create(name: "other"))
        let _: ProjectAPI.Member = try await test.admin.post(
            "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "other", role: .researcher))
        return test.admin.with(token: other.token)
    }

    @Test func shellSessionServesItsRequesterOnceAndOnlyThem() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let other = try await Self.otherResearcher(test)
        let requestedAt = Date()
        let session = try await SessionDriver.start(.shell, hours: 2, as: researcher)
        #expect(session.state == .running)
        #expect(session.ready)
        // The end is placement + 2 h: between the request and now, plus 2 h.
        let end = try #require(session.endsAt)
        #expect(end >= requestedAt.addingTimeInterval(7200 - 1) && end <= Date().addingTimeInterval(7200 + 1))

        // Connection details go to the requester alone: not to another researcher, not to an admin.
        for stranger in [other, test.admin] {
            await #expect {
                let _: SessionAPI.Connection = try await stranger.post(
                    "/v1/sessions/\(session.id)/connect", [String: String]())
            } throws: { ($0 as? HavenClientError)?.status == 403 }
        }
        let connection: SessionAPI.Connection = try await researcher.post(
            "/v1/sessions/\(session.id)/connect", [String: String]())
        #expect(connection.address.hasPrefix("127.0.0.1:"))
        let tunnel = try await SessionTunnel.redeem(connection)
        // The token lets one client in, once.
        await #expect { try await SessionTunnel.redeem(connection) } throws: {
            "\($0)".contains("unknown, used or expired")
        }

        // 6 x 7 is worked out by the shell, so the answer cannot be an echo of what was typed; the shell runs in
        // the session's work folder and does not see the runner's job token.
        let output = try await SessionDriver.converse(
            tunnel,
            "echo answer=$((6*7)); echo token=${HAVEN_TOKEN:-none}; basename \"$PWD\";"
                + " sh -c 'grep SigBlk /proc/self/status'; exit\n")
        #expect(output.contains("answer=42"))
        #expect(output.contains("token=none"))
        #expect(output.contains(session.id))
        // Processes of the session block no signal, so that a stop reaches them.
        #expect(output.contains(/SigBlk:\s+0{16}/))

        let events = try await AuditTrail.events(of: "spine-ct", as: auditor).filter { $0.action == "session.connect" }
        #expect(events.filter { $0.outcome == .denied && $0.actor == "user:other" }.count == 1)
        #expect(events.contains { $0.outcome == .success && $0.actor == "user:researcher" })
        // The gateway's redeem is recorded as the job acting for the researcher, and the second try as refused.
        #expect(events.contains { $0.outcome == .success && $0.actor == "job:" + session.id })
        #expect(events.contains { $0.outcome == .denied && $0.rule == "session.token" })

        let stopped: JobAPI.View = try await researcher.post("/v1/jobs/\(session.id)/cancel", [String: String]())
        #expect(stopped.state == .cancelled)
        // The runner closes the gateway once it is told to stop.
        try await SessionDriver.waitUntilRefused(tunnel)
    }

    @Test func extensionsStopAtTheLongestTimeLimit() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        // No longest-session limit here; a session still lasts at most 744 h (31 days) in all: 740 + 4.
        let session = try await SessionDriver.start(.shell, hours: 740, as: researcher)
        await #expect {
            let _: SessionAPI.View = try await researcher.post(
                "/v1/sessions/\(session.id)/extend", SessionAPI.Extend(hours: 5))
        } throws: { "\($0)".contains("extend by at most 4 h") }
        let extended: SessionAPI.View = try await researcher.post(
            "/v1/sessions/\(session.id)/extend", SessionAPI.Extend(hours: 4))
        #expect(extended.hours == 744)
        let _: JobAPI.View = try await researcher.post("/v1/jobs/\(session.id)/cancel", [String: String]())
    }

    @Test func guessedTokensAreTurnedAwayPastTheGatewaysBudget() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let session = try await SessionDriver.start(.shell, as: researcher)
        var guess: SessionAPI.Connection = try await researcher.post(
            "/v1/sessions/\(session.id)/connect", [String: String]())
        guess.token = "guessed"
        // Haven refuses each guess; after 10 refusals in a minute the gateway turns this client's 11th and 12th
        // away itself.
        var answers: [String] = []
        for _ in 0..<12 {
            do {
                _ = try await SessionTunnel.redeem(guess)
                answers.append("let in")
            } catch {
                answers.append("\(error)")
            }
        }
        #expect(answers.prefix(10).allSatisfy { $0.contains("unknown, used or expired") })
        #expect(answers.suffix(2).allSatisfy { $0.contains("too many tokens were refused from your address") })
        let refused = try await AuditTrail.events(of: "spine-ct", as: auditor).filter {
            $0.action == "session.connect" && $0.rule == "session.token" && $0.resource == "job:" + session.id
        }
        #expect(refused.count == 10)
        let _: JobAPI.View = try await researcher.post("/v1/jobs/\(session.id)/cancel", [String: String]())
    }

    @Test func idleSessionIsEndedButActivityKeepsItAlive() async throws {
        // 0.25 min = 15 s without a byte ends a session.
        let quotas = FixedQuotas(["spine-ct": ProjectQuota(sessionIdleMinutes: 0.25)])
        let test = try await TestServer.start(quotas: quotas)
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let session = try await SessionDriver.start(.shell, as: researcher)
        #expect(session.idleMinutes == 0.25)
        let connection: SessionAPI.Connection = try await researcher.post(
            "/v1/sessions/\(session.id)/connect", [String: String]())
        let tunnel = try await SessionTunnel.redeem(connection)
        // A shell printing every second for 20 s, longer than the idle limit, keeps the session running.
        let output = try await SessionDriver.converse(
            tunnel, "for i in $(seq 1 20); do echo tick-$i; sleep 1; done; exit\n")
        #expect(output.contains("tick-20"))
        let afterActivity: SessionAPI.View = try await researcher.get("/v1/sessions/" + session.id)
        #expect(afterActivity.state == .running)

        let ended = try await SessionDriver.until(session.id, as: researcher) { $0.state.isFinal }
        #expect(ended.state == .cancelled)
        #expect(ended.message.contains("idle for more than 0.25 min"))
        let event = try await AuditTrail.first(of: "spine-ct", as: auditor) {
            $0.jobID == session.id && $0.actor == "haven:watch"
        }
        #expect(event?.detail?.contains("idle") == true)
        #expect(event?.onBehalfOf != nil)
    }

    @Test func sessionEndsAtItsEndTime() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        // 0.002 h = 7.2 s.
        let session = try await SessionDriver.start(.shell, hours: 0.002, as: researcher)
        let ended = try await SessionDriver.until(session.id, as: researcher) { $0.state.isFinal }
        #expect(ended.state == .timedOut)
        #expect(ended.message.contains("reached its end time after 0.002 h"))
    }

    @Test func extensionNeedsThePolicyAndFitsTheLongestSession() async throws {
        let quotas = FixedQuotas(["spine-ct": ProjectQuota(longestSessionHours: 2)])
        let test = try await TestServer.start(quotas: quotas)
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let other = try await Self.otherResearcher(test)
        // Asking for more than the longest session is refused at the start, naming the limit.
        await #expect {
            let _: SessionAPI.View = try await researcher.post(
                "/v1/projects/spine-ct/sessions", SessionAPI.Start(app: .shell, pool: "local", hours: 3))
        } throws: { "\($0)".contains("longest session: a session of 3 h exceeds the project's limit of 2 h by 1 h") }

        let session = try await SessionDriver.start(.shell, hours: 1, as: researcher)
        let extended: SessionAPI.View = try await researcher.post(
            "/v1/sessions/\(session.id)/extend", SessionAPI.Extend(hours: 0.5))
        #expect(extended.hours == 1.5)
        let before = try #require(session.endsAt)
        let after = try #require(extended.endsAt)
        #expect(abs(after.timeIntervalSince(before) - 1800) < 0.01)
        // 1.5 h + 1 h = 2.5 h, 0.5 h past the 2 h limit.
        await #expect {
            let _: SessionAPI.View = try await researcher.post(
                "/v1/sessions/\(session.id)/extend", SessionAPI.Extend(hours: 1))
        } throws: { "\($0)".contains("1.5 h granted plus 1 h exceed the project's limit of 2 h by 0.5 h") }
        // Four extensions of 0.25 h at once: only two fit under the 2 h limit, whatever their order.
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    let extended: SessionAPI.View? = try? await researcher.post(
                        "/v1/sessions/\(session.id)/extend", SessionAPI.Extend(hours: 0.25))
                    return extended != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 2)
        let full: SessionAPI.View = try await researcher.get("/v1/sessions/" + session.id)
        #expect(full.hours == 2)
        // Only the requester extends their session, and another researcher cannot stop it.
        await #expect {
            let _: JobAPI.View = try await other.post("/v1/jobs/\(session.id)/cancel", [String: String]())
        } throws: { ($0 as? HavenClientError)?.status == 403 }
        await #expect {
            let _: SessionAPI.View = try await other.post(
                "/v1/sessions/\(session.id)/extend", SessionAPI.Extend(hours: 0.1))
        } throws: { ($0 as? HavenClientError)?.status == 403 }

        // A policy without `session.extend` for researchers refuses the next extension at once.
        let _: PolicyAPI.Applied = try await test.admin.post(
            "/v1/policies", PolicyAPI.Apply(files: try ShippedPolicy.withoutResearcher("session.extend"), dryRun: false)
        )
        await #expect {
            let _: SessionAPI.View = try await researcher.post(
                "/v1/sessions/\(session.id)/extend", SessionAPI.Extend(hours: 0.1))
        } throws: { "\($0)".contains("session.extend") }
        let unchanged: SessionAPI.View = try await researcher.get("/v1/sessions/" + session.id)
        #expect(unchanged.hours == 2)
        let _: JobAPI.View = try await researcher.post("/v1/jobs/\(session.id)/cancel", [String: String]())
    }

    @Test func removingTheRequesterFromTheProjectStopsTheSessionAndItsShell() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let session = try await SessionDriver.start(.shell, as: researcher)
        let connection: SessionAPI.Connection = try await researcher.post(
            "/v1/sessions/\(session.id)/connect", [String: String]())
        let tunnel = try await SessionTunnel.redeem(connection)
        // A shell that would wait for input for ever once it has answered: only the session's end closes it.
        // The shell works out 42, so the answer is not the terminal's echo of what was typed.
        let shell = try await SessionDriver.shell(tunnel, typing: "echo $((6*7))-waiting\n", until: "42-waiting")
        defer { close(shell) }

        _ = try await test.admin.raw("DELETE", "/v1/projects/spine-ct/members/researcher")
        // The connection reaches its end only when the session's end closes the shell.
        _ = try await SessionTunnel.onThread { SessionDriver.readToEnd(shell) }
        let ended: SessionAPI.View = try await auditor.get("/v1/sessions/" + session.id)
        #expect(ended.state == .cancelled)
        let stop = try await AuditTrail.first(of: "spine-ct", as: auditor) {
            $0.action == "job.revoke" && $0.jobID == session.id
        }
        #expect(stop?.onBehalfOf != nil)
        try await SessionDriver.waitUntilRefused(tunnel)
    }

    @Test func browserAppWithoutItsProgramFailsWithTheReason() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let hasSlicer = path.split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/Slicer")
        }
        let session = try await SessionDriver.start(.slicer, as: researcher)
        if hasSlicer {
            #expect(session.ready)
        } else {
            #expect(session.state == .failed)
            #expect(session.message.contains("this node has no `Slicer` on its PATH"))
        }
    }
}

extension InteractiveSessionTests {
    @Test func jupyterSessionAnswersABrowserThroughTheTunnel() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let session = try await SessionDriver.start(.jupyter, as: researcher)
        try #require(
            session.ready, "the jupyter session did not start: \(session.message); Deploy/install.sh installs it")
        let connection: SessionAPI.Connection = try await researcher.post(
            "/v1/sessions/\(session.id)/connect", [String: String]())
        let port = try await SessionTunnel.redeem(connection).forward(localPort: 0)
        // curl plays the browser: JupyterLab's status call, answered by the server behind the gateway.
        let status = try await ChildProcess.run(
            URL(filePath: "/usr/bin/curl"), ["-sS", "http://127.0.0.1:\(port)/api/status"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("\"started\""))
        if geteuid() == 0 {
            // Under a root runner JupyterLab (started with the session's home as its root folder) runs as the
            // session's own id, not as root.
            let ids = SessionDriver.userIDs(ofProcessesMentioning: "root_dir=/tmp/haven-session-" + session.id)
            #expect(!ids.isEmpty && ids.allSatisfy { (UInt32($0) ?? 0) >= 1_900_000_000 }, "ids: \(ids)")
        }
        let _: JobAPI.View = try await researcher.post("/v1/jobs/\(session.id)/cancel", [String: String]())
    }
}
