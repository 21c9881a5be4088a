import Foundation
import HavenLogging

/// A private PostgreSQL cluster under one folder, reachable only through a Unix socket in that folder.
///
/// The data lives in `DIR/data`, the socket in `DIR/socket`, the server log in `DIR/postgres.log`. The
/// cluster is created on first use with trust authentication for the user `haven`, which is safe only
/// because no TCP port is opened and the socket folder is private to the server's account.
public struct EmbeddedPostgres: Sendable {
    /// The user `initdb` creates as the cluster's superuser.
    public static let user = "haven"

    /// The longest Unix socket path the kernel accepts, less the terminating NUL.
    static let maximumSocketPathLength = 107

    let directory: URL
    let logger: Logger

    /// Makes a handle on the cluster in `directory` (for example `HAVEN_HOME/postgres`); nothing runs yet.
    public init(directory: URL, logger: Logger = .disabled) {
        self.directory = directory.standardizedFileURL
        self.logger = logger.with(.dataDirectory, directory.path)
    }

    var dataDirectory: URL { directory.appending(path: "data") }
    var socketDirectory: URL { directory.appending(path: "socket") }
    var logFile: URL { directory.appending(path: "postgres.log") }

    /// The conninfo for the cluster's `postgres` database as the `haven` user.
    public var connectionString: String {
        "host=\(Self.conninfoQuoted(socketDirectory.path)) user=\(Self.user) dbname=postgres"
    }

    /// Creates the cluster if needed and starts it, or reuses it if it is already running.
    ///
    /// This blocks for seconds on `initdb` and `pg_ctl`; call it at startup or from a thread of its own,
    /// not from a task on the cooperative pool. Concurrent starts of the same folder, from this process or
    /// another, take turns on a lock file in the folder.
    ///
    /// - Throws: ``PostgresError/Code/embeddedServer`` if the server programs are missing, the folder is not
    ///   usable by the server's account, or the server does not start (its log says why).
    public func start() throws -> Handle {
        let binaries = try Self.findBinaries()
        let command = try ServerCommand.current()
        try prepareFolders(command)
        let lock = try StartLock(path: directory.appending(path: ".start.lock").path)
        defer { withExtendedLifetime(lock) {} }

        if !FileManager.default.fileExists(atPath: dataDirectory.appending(path: "PG_VERSION").path) {
            try initialize(binaries, command)
        }
        if try isRunning(binaries, command) {
            logger.debug("reusing running PostgreSQL cluster")
            return Handle(server: self, binaries: binaries, command: command, startedHere: false)
        }

        let (status, output) = try command.run(
            binaries.appending(path: "pg_ctl"),
            ["-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "60", "start"])
        guard status == 0 else {
            throw PostgresError(
                .embeddedServer,
                "PostgreSQL did not start (pg_ctl exit \(status)); see \(logFile.path)",
                detail: Self.lastLine(of: output))
        }
        logger.debug("started PostgreSQL cluster")
        return Handle(server: self, binaries: binaries, command: command, startedHere: true)
    }

    private func prepareFolders(_ command: ServerCommand) throws {
        let socketPath = socketDirectory.appending(path: ".s.PGSQL.5432").path
        guard socketPath.utf8.count <= Self.maximumSocketPathLength else {
            throw PostgresError(
                .embeddedServer,
                "the socket path \(socketPath) is longer than \(Self.maximumSocketPathLength) bytes; "
                    + "choose a shorter data folder")
        }

        do {
            try FileManager.default.createDirectory(at: socketDirectory, withIntermediateDirectories: true)
        } catch {
            throw PostgresError(
                .embeddedServer, "cannot create \(socketDirectory.path): \(error.localizedDescription)")
        }
        try command.checkTraversable(directory.path)
        try command.takeOwnership(of: directory.path)
        try command.takeOwnership(of: socketDirectory.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: socketDirectory.path)
    }

    /// Runs `initdb`, then writes the socket-only settings into the cluster's own configuration, so that
    /// any later start of it, by whatever tool, keeps TCP closed.
    private func initialize(_ binaries: URL, _ command: ServerCommand) throws {
        let (status, output) = try command.run(
            binaries.appending(path: "initdb"),
            ["-D", dataDirectory.path, "-A", "trust", "-U", Self.user, "-E", "UTF8", "--locale=C"])
        guard status == 0 else {
            throw PostgresError(
                .embeddedServer, "initdb failed for \(dataDirectory.path) (exit \(status))",
                detail: Self.lastLine(of: output))
        }

        let settings = """

            # Written by Haven: a private cluster reachable only through its own socket folder.
            listen_addresses = ''
            unix_socket_directories = '\(socketDirectory.path.replacingOccurrences(of: "'", with: "''"))'
            unix_socket_permissions = 0700

            """
        let configuration = try FileHandle(forWritingTo: dataDirectory.appending(path: "postgresql.conf"))
        defer { try? configuration.close() }
        try configuration.seekToEnd()
        try configuration.write(contentsOf: Data(settings.utf8))
        logger.debug("created PostgreSQL cluster")
    }

    private func isRunning(_ binaries: URL, _ command: ServerCommand) throws -> Bool {
        // pg_ctl status exits 0 when a server runs on the data folder, 3 when none does.
        try command.run(binaries.appending(path: "pg_ctl"), ["-D", dataDirectory.path, "status"]).status == 0
    }

    /// The newest `/usr/lib/postgresql/<major>/bin` that holds `pg_ctl` and `initdb`.
    static func findBinaries(root: URL = URL(filePath: "/usr/lib/postgresql")) throws -> URL {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let candidates = versions.compactMap { name in Int(name).map { ($0, root.appending(path: "\(name)/bin")) } }
            .filter { FileManager.default.isExecutableFile(atPath: $0.1.appending(path: "pg_ctl").path) }
            .filter { FileManager.default.isExecutableFile(atPath: $0.1.appending(path: "initdb").path) }
        guard let newest = candidates.max(by: { $0.0 < $1.0 }) else {
            throw PostgresError(
                .embeddedServer,
                "no PostgreSQL server programs under \(root.path)/*/bin; install the Debian package postgresql")
        }
        return newest.1
    }

    /// A conninfo value in single quotes, with quotes and backslashes escaped as libpq expects.
    static func conninfoQuoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    private static func lastLine(of output: String) -> String? {
        output.split(whereSeparator: \.isNewline).last.map(String.init)
    }
}
