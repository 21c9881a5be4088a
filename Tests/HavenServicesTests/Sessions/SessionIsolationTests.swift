import Foundation
import HavenServices
import HavenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A runner running as root gives its session a user id of its own: the session's processes cannot read the
/// runner's environment (which holds the job token), and stopping the session ends all of them, including
/// those that left the shell's session and process group. Only a root runner changes ids, so the suite runs
/// as root (as `.ci/run` does).
@Suite(.timeLimit(.minutes(5)), .enabled(if: geteuid() == 0, "sessions get ids of their own only under root"))
struct SessionIsolationTests {
    /// The names of the live processes (zombies left out) whose real user id is `userID`, from `/proc`.
    static func processes(ofUser userID: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { $0.first?.isNumber == true }.compactMap { entry in
            guard let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8) else {
                return nil
            }
            let lines = status.split(separator: "\n")
            let uid = lines.first { $0.hasPrefix("Uid:") }?.split(whereSeparator: \.isWhitespace).dropFirst().first
            let state = lines.first { $0.hasPrefix("State:") }?.split(whereSeparator: \.isWhitespace).dropFirst().first
            guard uid.map(String.init) == userID, state != "Z" else { return nil }
            return lines.first { $0.hasPrefix("Name:") }.map {
                String($0.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            }
        }
    }

    /// Whether `condition` came to hold within `seconds`, polled every 100 ms.
    static func wait(seconds: Int, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return condition()
    }

    /// What a session's shell finds out about itself: its user id, its runner (the first ancestor with another
    /// id) and whether it can read the runner's environment and its own; then it leaves a folder in /tmp and a
    /// process behind in a new Unix session, as `nohup` or a daemon would, and exits.
    static let probe =
        "me=$(id -u); echo uid=$me; p=$$;"
        + " while [ \"$(awk '/^Uid:/ {print $2}' /proc/$p/status)\" = \"$me\" ]; do"
        + " p=$(awk '{print $4}' /proc/$p/stat); done; echo runner=$p name=$(cat /proc/$p/comm);"
        + " if cat /proc/$p/environ >/dev/null 2>&1; then echo environ=read; else echo environ=denied; fi;"
        + " if cat /proc/$$/environ >/dev/null 2>&1; then echo own=read; fi;"
        + " mkdir /tmp/left-by-$me && echo x > /tmp/left-by-$me/file;"
        + " setsid sleep 600 </dev/null >/dev/null 2>&1 & exit\n"

    /// Starts a shell session, runs ``probe`` in it and returns the session, its tunnel, the session's user id
    /// and the shell's output.
    static func probedSession(as researcher: HavenClient) async throws
        -> (session: SessionAPI.View, tunnel: SessionTunnel, userID: String, output: String)
    {
        let session = try await SessionDriver.start(.shell, as: researcher)
        let connection: SessionAPI.Connection = try await researcher.post(
            "/v1/sessions/\(session.id)/connect", [String: String]())
        let tunnel = try await SessionTunnel.redeem(connection)
        let output = try await SessionDriver.converse(tunnel, probe)
        let userID = String(try #require(output.firstMatch(of: /uid=([0-9]+)/)).output.1)
        // The detached sleep runs as the session's id.
        try #require(await wait(seconds: 10) { processes(ofUser: userID).contains("sleep") })
        return (session, tunnel, userID, output)
    }

    @Test func sessionRunsAsItsOwnUserAndItsStopEndsDetachedProcesses() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let (session, tunnel, userID, output) = try await Self.probedSession(as: researcher)
        #expect(userID != "0")
        // The walk reached the runner (`haven job run`), whose environment holds the job token: denied. The
        // shell's own environment is readable, so the denial is not the walk's or `cat`'s failure.
        #expect(output.contains("name=haven"))
        #expect(output.contains("environ=denied"))
        #expect(output.contains("own=read"))

        let _: JobAPI.View = try await researcher.post("/v1/jobs/\(session.id)/cancel", [String: String]())
        try await SessionDriver.waitUntilRefused(tunnel)
        // Stopping ends every process of the session's id; left alone, the sleep would run for 10 minutes.
        // And what it left at the top of /tmp goes too.
        let left = "/tmp/left-by-" + userID
        _ = await Self.wait(seconds: 30) {
            Self.processes(ofUser: userID).isEmpty && !FileManager.default.fileExists(atPath: left)
        }
        #expect(Self.processes(ofUser: userID).isEmpty, "left running: \(Self.processes(ofUser: userID))")
        #expect(!FileManager.default.fileExists(atPath: left))
    }

    @Test func aKilledRunnersSessionIsEndedByTheNode() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let (session, _, userID, output) = try await Self.probedSession(as: researcher)
        let runner = try #require(output.firstMatch(of: /runner=([0-9]+)/).flatMap { Int32($0.output.1) })
        let home = try #require(
            try FileManager.default.contentsOfDirectory(atPath: "/tmp").first {
                $0.hasPrefix("haven-session-" + session.id)
            })

        // SIGKILL leaves the runner no chance to end the session itself: the local pool does it.
        #expect(kill(runner, SIGKILL) == 0)
        _ = await Self.wait(seconds: 30) {
            Self.processes(ofUser: userID).isEmpty && !FileManager.default.fileExists(atPath: "/tmp/" + home)
        }
        #expect(Self.processes(ofUser: userID).isEmpty, "left running: \(Self.processes(ofUser: userID))")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/" + home))
        let failed = try await SessionDriver.until(session.id, as: researcher) { $0.state.isFinal }
        #expect(failed.state == .failed)
    }
}
