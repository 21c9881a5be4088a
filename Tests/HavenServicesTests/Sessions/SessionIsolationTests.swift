import Foundation
import HavenServices
import HavenTestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A runner running as root gives its session a user id of its own: the session's processes cannot read the
/// runner's environment (which holds the job token), and stopping the session ends all of them, including
/// those that left the shell's session and process group.
@Suite(.timeLimit(.minutes(5))) struct SessionIsolationTests {
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

    @Test func sessionRunsAsItsOwnUserAndItsStopEndsDetachedProcesses() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let session = try await SessionDriver.start(.shell, as: researcher)
        let connection: SessionAPI.Connection = try await researcher.post(
            "/v1/sessions/\(session.id)/connect", [String: String]())
        let tunnel = try await SessionTunnel.redeem(connection)
        // The first ancestor of the shell with another user id is the runner; the shell tries to read its
        // environment, then leaves a process behind in a new Unix session, as `nohup` or a daemon would.
        let output = try await SessionDriver.converse(
            tunnel,
            "me=$(id -u); echo uid=$me; p=$$;"
                + " while [ \"$(awk '/^Uid:/ {print $2}' /proc/$p/status)\" = \"$me\" ]; do"
                + " p=$(awk '{print $4}' /proc/$p/stat); done;"
                + " if cat /proc/$p/environ >/dev/null 2>&1; then echo environ=read; else echo environ=denied; fi;"
                + " setsid sleep 600 </dev/null >/dev/null 2>&1 & exit\n")
        let userID = String(try #require(output.firstMatch(of: /uid=([0-9]+)/)).output.1)
        guard geteuid() == 0 else {
            // A runner that is not root cannot change ids: the session runs as the runner's user.
            #expect(userID == String(getuid()))
            let _: JobAPI.View = try await researcher.post("/v1/jobs/\(session.id)/cancel", [String: String]())
            return
        }
        #expect(userID != "0")
        #expect(output.contains("environ=denied"))
        try #require(await Self.wait(seconds: 10) { Self.processes(ofUser: userID).contains("sleep") })

        let _: JobAPI.View = try await researcher.post("/v1/jobs/\(session.id)/cancel", [String: String]())
        try await SessionDriver.waitUntilRefused(tunnel)
        // Stopping ends every process of the session's id; left alone, the sleep would run for 10 minutes.
        let ended = await Self.wait(seconds: 30) { Self.processes(ofUser: userID).isEmpty }
        #expect(ended, "left running: \(Self.processes(ofUser: userID))")
    }
}
