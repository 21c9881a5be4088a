import Foundation

extension EmbeddedPostgres {
    /// A started (or reused) cluster: where to connect, and whether this process is the one to stop it.
    public struct Handle: Sendable {
        let server: EmbeddedPostgres
        let binaries: URL
        let command: ServerCommand

        /// True when this process started the server; false when it found one already running.
        public let startedHere: Bool

        init(server: EmbeddedPostgres, binaries: URL, command: ServerCommand, startedHere: Bool) {
            self.server = server
            self.binaries = binaries
            self.command = command
            self.startedHere = startedHere
        }

        /// The conninfo for the cluster's `postgres` database as the `haven` superuser.
        public var connectionString: String { server.connectionString }

        /// Stops the server with `pg_ctl stop -m fast` if this process started it; otherwise does nothing,
        /// so that a server someone else started keeps running for them.
        public func stop() throws {
            guard startedHere else { return }
            let (status, output) = try command.run(
                binaries.appending(path: "pg_ctl"), ["-D", server.dataDirectory.path, "-m", "fast", "-w", "stop"])
            guard status == 0 else {
                throw PostgresError(
                    .embeddedServer, "pg_ctl stop failed (exit \(status)); see \(server.logFile.path)",
                    detail: output.split(whereSeparator: \.isNewline).last.map(String.init))
            }
            server.logger.debug("stopped PostgreSQL cluster")
        }
    }
}
