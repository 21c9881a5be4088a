import Foundation
import HavenCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// Whom a session's processes run as, and where they live. A runner running as root gives each session a user
/// id that no account and no process has, and a home folder only that id can enter: the app then cannot read
/// the runner's environment or memory (the job token), the node's or the server's files, or another session's,
/// and ending the session ends every process of that id, those that detached from the gateway too. A runner
/// that is not root cannot change ids: the session runs as the runner's user, in the job's work folder.
struct SessionAccount: Sendable {
    /// The session's own user and group id; `nil` when the session runs as the runner's user.
    let userID: UInt32?
    /// The session's home and working folder.
    let home: URL

    /// The first user id sessions take, and how many there are: far above the ids of a node's accounts.
    static let firstUserID: UInt32 = 1_000_000_000
    static let userIDCount: UInt32 = 1 << 24

    /// An account for a session of `jobID` working in `workDirectory`: a new id of its own when this process is
    /// root and the ids are usable here, else the runner's user.
    static func make(jobID: String, workDirectory: URL) throws -> SessionAccount {
        guard geteuid() == 0, idsAreMapped() else { return SessionAccount(userID: nil, home: workDirectory) }
        let userID = try unusedUserID()
        let home = URL(filePath: "/tmp/haven-session-\(jobID)-" + SecureRandom.token(bytes: 4))
        try FileManager.default.createDirectory(
            at: home, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        guard chown(home.path, userID, userID) == 0 else {
            throw SessionError(
                "cannot give the session folder \(home.path) to its user: \(String(cString: strerror(errno)))")
        }
        return SessionAccount(userID: userID, home: home)
    }

    /// The command line that runs `executable` with `arguments` as this account.
    func commandLine(_ executable: URL, _ arguments: [String]) -> [String] {
        guard let userID else { return [executable.path] + arguments }
        return [
            "/usr/bin/setpriv", "--reuid=\(userID)", "--regid=\(userID)", "--clear-groups", "--no-new-privs", "--",
            executable.path,
        ] + arguments
    }

    /// Moves the staged `files` into the home's `inputs` folder and gives them to the account; returns where
    /// they are now. The runner's user keeps them where they are.
    func adopt(_ files: [URL]) throws -> [URL] {
        guard let userID else { return files }
        let folder = home.appending(path: "inputs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        var moved: [URL] = []
        for file in files {
            let target = folder.appending(path: file.lastPathComponent)
            try FileManager.default.copyItem(at: file, to: target)
            try FileManager.default.removeItem(at: file)
            moved.append(target)
        }
        for path in [folder] + moved where chown(path.path, userID, userID) != 0 {
            throw SessionError("cannot give \(path.path) to the session's user: \(String(cString: strerror(errno)))")
        }
        return moved
    }

    /// Ends every process of the session's own id, detached ones included, and removes its home.
    func end() {
        guard let userID else { return }
        // `kill -KILL -1` run as that id reaches every process of that id and no other, in one call.
        let killer = Process()
        killer.executableURL = URL(filePath: "/usr/bin/setpriv")
        killer.arguments = [
            "--reuid=\(userID)", "--regid=\(userID)", "--clear-groups", "--", "/bin/kill", "-KILL", "--", "-1",
        ]
        killer.standardError = FileHandle.nullDevice
        if (try? killer.run()) != nil { killer.waitUntilExit() }
        try? FileManager.default.removeItem(at: home)
    }

    /// The environment names the account goes by; a session id has no entry in the node's user database.
    func naming(_ environment: [String: String]) -> [String: String] {
        guard let userID else { return environment }
        var result = environment
        result["USER"] = "session-\(userID)"
        result["LOGNAME"] = "session-\(userID)"
        return result
    }

    /// Whether this process's user namespace maps all of the session ids (a container may map only a few).
    private static func idsAreMapped() -> Bool {
        guard let map = try? String(contentsOfFile: "/proc/self/uid_map", encoding: .utf8) else { return false }
        let last = UInt64(firstUserID) + UInt64(userIDCount)
        return map.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ").compactMap { UInt64($0) }
            return fields.count == 3 && fields[0] <= UInt64(firstUserID) && fields[0] + fields[2] >= last
        }
    }

    /// A random id in the sessions' range that no account and no running process has.
    private static func unusedUserID() throws -> UInt32 {
        let running = runningUserIDs()
        for _ in 0..<64 {
            let candidate = firstUserID + UInt32.random(in: 0..<userIDCount)
            if !running.contains(candidate), getpwuid(candidate) == nil { return candidate }
        }
        throw SessionError("no unused user id for the session in 64 tries; try again")
    }

    /// The real user ids of the processes running on this node.
    private static func runningUserIDs() -> Set<UInt32> {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var ids = Set<UInt32>()
        for entry in entries where entry.first?.isNumber == true {
            guard let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
                let id = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).dropFirst().first.flatMap({
                    UInt32($0)
                })
            else { continue }
            ids.insert(id)
        }
        return ids
    }
}
