import Foundation
import HavenTestSupport
import Testing

/// `haven session` verbs run as a researcher would run them, against `haven serve` and its local pool.
@Suite(.timeLimit(.minutes(5))) struct SessionVerbsTests {
    @Test func aResearcherStartsAShellSessionTypesIntoItAndStopsIt() async throws {
        let status = try await ServeTests.Server.serving("session-cli") { url, adminToken in
            try await scenario(url: url, adminToken: adminToken)
        }
        #expect(status == 0)
    }

    private func scenario(url: String, adminToken: String) async throws {
        func haven(_ token: String, _ arguments: String..., input: String? = nil) async throws -> HavenProcess.Result {
            try await HavenProcess.run(arguments, environment: ["HAVEN_URL": url, "HAVEN_TOKEN": token], input: input)
        }
        for step in [
            ["project", "create", "spine-ct"], ["storage", "create", "spine-ct", "images"],
            ["pool", "create", "local"],
        ] {
            let result = try await HavenProcess.run(step, environment: ["HAVEN_URL": url, "HAVEN_TOKEN": adminToken])
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        let created = try await haven(adminToken, "user", "create", "researcher")
        let token = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        _ = try await haven(adminToken, "project", "add-member", "spine-ct", "researcher", "researcher")

        // A wrong app is a usage error that names the choices.
        let wrong = try await haven(token, "session", "start", "--project", "spine-ct", "--app", "vnc", "--hours", "1")
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("give jupyter, slicer or shell"))

        // Without --pool the only pool is used; the verb returns once the session can be connected to.
        let started = try await haven(
            token, "session", "start", "--project", "spine-ct", "--app", "shell", "--hours", "1", "--output", "json")
        try #require(started.status == 0, "\(started.stderr)")
        let session = try #require(try JSONSerialization.jsonObject(with: Data(started.stdout.utf8)) as? [String: Any])
        let id = try #require(session["id"] as? String)
        #expect(session["state"] as? String == "running")

        // The answer 42 is worked out by the remote shell, so it cannot be an echo of the typed line.
        let shell = try await haven(token, "session", "connect", id, input: "echo answer=$((6*7))\nexit\n")
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stdout.contains("answer=42"))

        // A port that is no port, and a port for a shell, are refused before a token is asked for.
        let badPort = try await haven(token, "session", "connect", id, "--port", "70000")
        #expect(badPort.status == 64)
        #expect(badPort.stderr.contains("give a port number from 0 to 65535"))
        let shellPort = try await haven(token, "session", "connect", id, "--port", "8080")
        #expect(shellPort.status == 64)
        #expect(shellPort.stderr.contains("is a shell, which takes over this terminal; leave out --port"))

        let listed = try await haven(token, "session", "list", "--project", "spine-ct")
        #expect(listed.stdout.contains(id) && listed.stdout.contains("running"))
        let stopped = try await haven(token, "session", "stop", id)
        #expect(stopped.stdout.contains("session \(id) cancelled"))
        let again = try await haven(token, "session", "stop", id)
        #expect(again.status == 65)
        #expect(again.stderr.contains("session \(id) has already ended (cancelled)"))
        let ended = try await haven(token, "session", "list", "--project", "spine-ct")
        #expect(ended.stdout.contains("ended (cancelled)"))
        // The local pool made without --max-jobs runs one job or session at a time.
        let pools = try await haven(adminToken, "pool", "list")
        #expect(pools.stdout.contains("MAX JOBS") && pools.stdout.contains(/local\s+local\s+0\s+1\s/))
        // An ended session gives no connection details, and says why.
        let late = try await haven(token, "session", "connect", id)
        #expect(late.status != 0)
        #expect(late.stderr.contains("start a new session"))
    }
}
