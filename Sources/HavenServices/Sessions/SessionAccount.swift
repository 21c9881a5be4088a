import Foundation
import HavenCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// Whom a session's processes run as, and where they live. A runner running as root gives each session a user
/// id that no account, group or process has, and a home folder only that id can enter: the app then cannot read
/// the runner's environment or memory (the job token), the node's or the server's private files, or another
/// session's, and ending the session ends every process of that id, those that detached from the gateway too,
/// and removes what the id left in the node's temporary folders. A runner that is not root cannot change ids:
/// the session runs as the runner's user, in the job's work folder.
struct SessionAccount: Sendable {
    /// The session's own user and group id; `nil` when the session runs as the runner's user.
    let userID: UInt32?
    /// The session's home and working folder.
    let home: URL
    /// The record of the session in the job's work folder (see ``recordName``), when it has an id of its own.
    let record: URL?

    /// The first user id sessions take, and how many there are: above the ids of a node's accounts and the
    /// ranges container managers hand out (up to 1,879,048,191).
    static let firstUserID: UInt32 = 1_900_000_000
    static let userIDCount: UInt32 = 1 << 24
    /// Where a root runner reserves the ids it hands out, one empty file per id in use; only root may enter it.
    static let reservations = URL(filePath: "/run/haven-session-ids")
    /// The file in the job's work folder that names a live session's id and home, so that the node can end
    /// the session's processes when its runner died without doing so.
    static let recordName = "session-account"
    /// The node's temporary folders, cleared of a session's files when it ends.
    static let temporaryFolders = ["/tmp", "/var/tmp", "/dev/shm"]

    /// An account for a session of `jobID` working in `workDirectory`: a new id of its own when this process is
    /// root and the ids are usable here, else the runner's user.
    static func make(jobID: String, workDirectory: URL) throws -> SessionAccount {
        guard geteuid() == 0, idsAreMapped() else {
            return SessionAccount(userID: nil, home: workDirectory, record: nil)
        }
        let userID = try reserveUserID()
        let home = URL(filePath: "/tmp/haven-session-\(jobID)-" + SecureRandom.token(bytes: 4))
        let record = workDirectory.appending(path: recordName)
        let account = SessionAccount(userID: userID, home: home, record: record)
        do {
            try Data("\(userID) \(home.path)\n".utf8).write(to: record)
            try FileManager.default.createDirectory(
                at: home, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
            try account.give(home)
        } catch {
            account.end()
            throw error
        }
        return account
    }

    /// Ends the session recorded in `workDirectory`, if its runner left one: the node calls this when a runner
    /// has exited, however it exited.
    static func endLeftover(in workDirectory: URL) {
        let record = workDirectory.appending(path: recordName)
        guard let text = try? String(contentsOf: record, encoding: .utf8) else { return }
        let fields = text.split(separator: " ", maxSplits: 1)
        let home = fields.count == 2 ? String(fields[1].trimmingCharacters(in: .newlines)) : ""
        // The record is in a folder only root may enter; still, only what a runner could have written is acted on.
        let folder = URL(filePath: home).standardized
        guard let userID = fields.first.flatMap({ UInt32($0) }),
            (firstUserID..<firstUserID + userIDCount).contains(userID),
            folder.deletingLastPathComponent().path == "/tmp", folder.lastPathComponent.hasPrefix("haven-session-")
        else { return }
        SessionAccount(userID: userID, home: URL(filePath: home), record: record).end()
    }

    /// The command line that runs `executable` with `arguments` as this account.
    func commandLine(_ executable: URL, _ arguments: [String]) -> [String] {
        guard let userID else { return [executable.path] + arguments }
        return Self.asUser(userID, noNewPrivileges: true) + [executable.path] + arguments
    }

    /// Moves the staged `files` into the home's `inputs` folder and gives them to the account. The runner's user
    /// keeps them where they are.
    func adopt(_ files: [URL]) throws {
        guard userID != nil else { return }
        let folder = home.appending(path: "inputs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        try give(folder)
        for file in files {
            let target = folder.appending(path: file.lastPathComponent)
            try FileManager.default.moveItem(at: file, to: target)
            try give(target)
        }
    }

    /// Ends every process of the session's own id, detached ones included, then removes what the id left in
    /// the node's temporary folders (its home among them) and frees the id. Nothing of the id runs once it
    /// returns, unless the id's processes outran 50 rounds of killing.
    func end() {
        guard let userID else { return }
        // `kill -KILL -1` run as the id reaches every process of the id and no other, in one call; it is
        // repeated while any is left, for a process a root parent was starting in the meantime.
        for _ in 0..<50 {
            Self.run(Self.asUser(userID) + ["/bin/kill", "-KILL", "--", "-1"])
            guard Self.runningUserIDs().contains(userID) else { break }
            usleep(20_000)
        }
        // What the id made at the top of the temporary folders goes, whole, deleted as the id (whose processes
        // are gone), so no link leads anywhere the id could not write. Deeper folders are not walked.
        Self.run(
            Self.asUser(userID) + ["/usr/bin/find"] + Self.temporaryFolders + [
                "-mindepth", "1", "-maxdepth", "1", "-user", "\(userID)", "-exec", "/bin/rm", "-rf", "--", "{}", "+",
            ])

        try? FileManager.default.removeItem(at: home)
        try? FileManager.default.removeItem(at: Self.reservations.appending(path: "\(userID)"))
        if let record { try? FileManager.default.removeItem(at: record) }
    }

    /// The environment names the account goes by; a session id has no entry in the node's user database.
    func naming(_ environment: [String: String]) -> [String: String] {
        guard let userID else { return environment }
        var result = environment
        result["USER"] = "session-\(userID)"
        result["LOGNAME"] = "session-\(userID)"
        result["TMPDIR"] = home.path
        return result
    }

    /// Gives `file` to the account's id; nothing to do for the runner's user.
    func give(_ file: URL) throws {
        guard let userID, chown(file.path, userID, userID) != 0 else { return }
        throw SessionError("cannot give \(file.path) to the session's user: \(String(cString: strerror(errno)))")
    }

    /// The `setpriv` prefix that runs a command as `userID` with no supplementary group.
    private static func asUser(_ userID: UInt32, noNewPrivileges: Bool = false) -> [String] {
        ["/usr/bin/setpriv", "--reuid=\(userID)", "--regid=\(userID)", "--clear-groups"]
            + (noNewPrivileges ? ["--no-new-privs"] : []) + ["--"]
    }

    /// Runs `commandLine` to its end, its output dropped.
    private static func run(_ commandLine: [String]) {
        let process = Process()
        process.executableURL = URL(filePath: commandLine[0])
        process.arguments = Array(commandLine.dropFirst())
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        if (try? process.run()) != nil { process.waitUntilExit() }
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

    /// Reserves a random id in the sessions' range that no account, group or running process has, by creating
    /// its file in ``reservations`` (which fails when another runner holds it).
    private static func reserveUserID() throws -> UInt32 {
        try FileManager.default.createDirectory(
            at: reservations, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let running = runningUserIDs()
        for _ in 0..<64 {
            let candidate = firstUserID + UInt32.random(in: 0..<userIDCount)
            guard !running.contains(candidate), getpwuid(candidate) == nil, getgrgid(candidate) == nil else {
                continue
            }
            let descriptor = open(reservations.appending(path: "\(candidate)").path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            if descriptor >= 0 {
                close(descriptor)
                return candidate
            }
        }
        throw SessionError("no free user id for the session in 64 tries (\(reservations.path)); try again")
    }

    /// The real user ids of the processes running on this node, zombies left out.
    private static func runningUserIDs() -> Set<UInt32> {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var ids = Set<UInt32>()
        for entry in entries where entry.first?.isNumber == true {
            guard let status = try? String(contentsOfFile: "/proc/\(entry)/status", encoding: .utf8),
                !status.contains("\nState:\tZ"),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Uid:") }),
                let id = line.split(whereSeparator: \.isWhitespace).dropFirst().first.flatMap({ UInt32($0) })
            else { continue }
            ids.insert(id)
        }
        return ids
    }
}
