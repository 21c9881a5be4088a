import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs PostgreSQL's server programs, as the `postgres` account when this process is root (the programs
/// refuse root) and directly otherwise.
struct ServerCommand: Sendable {
    /// The account the programs run as under root, or nil to run them as this process's user.
    let account: Account?

    /// A local account's name and ids.
    struct Account: Sendable {
        var name: String
        var userID: uid_t
        var groupID: gid_t
    }

    /// The runner for this process: `postgres` when root, else the current user.
    static func current() throws -> ServerCommand {
        guard geteuid() == 0 else { return ServerCommand(account: nil) }
        guard let entry = getpwnam("postgres") else {
            throw PostgresError(
                .embeddedServer,
                "running as root, but there is no postgres account to run the server as; install the Debian "
                    + "package postgresql, which creates it, or run Haven as a normal user")
        }
        return ServerCommand(
            account: Account(name: "postgres", userID: entry.pointee.pw_uid, groupID: entry.pointee.pw_gid))
    }

    /// Runs `program` with `arguments`; returns its exit status and combined output.
    ///
    /// Output goes through a file rather than a pipe: `pg_ctl start` leaves the server holding inherited
    /// descriptors, and a pipe would then never reach end-of-file. The child is spawned and reaped here with
    /// `posix_spawn` and `waitpid`, which need no run loop.
    func run(_ program: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let outputURL = FileManager.default.temporaryDirectory.appending(path: "haven-pg-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: outputURL) }

        let command: [String]
        if let account {
            command = ["/usr/sbin/runuser", "-u", account.name, "--", program.path] + arguments
        } else {
            command = [program.path] + arguments
        }
        let status = try Self.spawnAndWait(command, outputPath: outputURL.path)
        let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        return (status, text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    private static func spawnAndWait(_ command: [String], outputPath: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        // The argument strings are duplicated for C and freed once the child has been spawned.
        let arguments = command.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }

        var pid = pid_t()
        let spawned = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        guard spawned == 0 else {
            throw PostgresError(
                .embeddedServer, "cannot run \(command[0]) (error \(spawned)); check that it exists and is executable")
        }

        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw PostgresError(.embeddedServer, "lost track of \(command[0]) (errno \(errno))")
            }
        }
        // The low seven bits hold the terminating signal, zero for a normal exit, whose code is the next byte.
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Hands `path` to the server's account, so that the server can write there.
    func takeOwnership(of path: String) throws {
        guard let account else { return }
        guard chown(path, account.userID, account.groupID) == 0 else {
            throw PostgresError(
                .embeddedServer,
                "cannot give \(path) to the \(account.name) account (errno \(errno)); "
                    + "check that this process may change its owner"
            )
        }
    }

    /// Fails with the first folder above `path` that the server's account cannot pass through.
    func checkTraversable(_ path: String) throws {
        guard let account else { return }
        var folder = URL(filePath: path).deletingLastPathComponent()
        while folder.path != "/" {
            var info = stat()
            if stat(folder.path, &info) == 0 && !Self.canTraverse(info, as: account) {
                throw PostgresError(
                    .embeddedServer,
                    "the \(account.name) account cannot traverse \(folder.path), a parent of \(path); run "
                        + "chmod o+x \(folder.path) or choose a data folder under a traversable path such as /var/lib")
            }
            folder = folder.deletingLastPathComponent()
        }
    }

    private static func canTraverse(_ info: stat, as account: Account) -> Bool {
        if info.st_uid == account.userID { return info.st_mode & S_IXUSR != 0 }
        if info.st_gid == account.groupID { return info.st_mode & S_IXGRP != 0 }
        return info.st_mode & S_IXOTH != 0
    }
}
