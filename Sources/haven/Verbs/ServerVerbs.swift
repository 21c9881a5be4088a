import Foundation
import HavenServices
import PostgresClient

/// `serve`, `migrate` and `version`: the verbs that run Haven itself rather than talk to it.
enum ServerVerbs {
    static let version = "0.1.0"

    static let all: [Verb] = [serve, migrate, versionVerb]

    static let serve: Verb = Verb(
        words: "serve", summary: "Run the Haven server: HTTP API, migrations, and the local node pool.",
        usage: "serve [--host ADDRESS] [--port PORT] [--tls-cert FILE --tls-key FILE]",
        details: """
            With no HAVEN_DATABASE_URL, Haven starts (and on first use creates) a private PostgreSQL cluster under
            HAVEN_HOME (default ./.haven) on a Unix socket, and stops it on exit. The first start creates the
            `admin` user and prints its token once. SIGTERM or SIGINT stops accepting requests and lets in-flight
            ones finish. With HAVEN_SLURMRESTD_SOCKET, `slurm` pools submit their jobs through that slurmrestd.
            """,
        options: ["host", "port", "tls-cert", "tls-key"]
    ) { arguments, environment in
        var configuration = try serverConfiguration(environment)
        configuration.host = arguments.options["host"] ?? configuration.host
        if let port = arguments.options["port"] {
            guard let value = Int(port), (0...65535).contains(value) else {
                throw CLIError.usage("--port is `\(port)`; give a number from 0 to 65535", verb: serve)
            }
            configuration.port = value
        }
        configuration.tlsCertificatePath = arguments.options["tls-cert"]
        configuration.tlsKeyPath = arguments.options["tls-key"]
        configuration.slurm = environment.slurmSocket.map { SlurmConfiguration(socketPath: $0) }
        configuration.localGPUDevices = environment.localGPUDevices
        guard (configuration.tlsCertificatePath == nil) == (configuration.tlsKeyPath == nil) else {
            throw CLIError.usage("--tls-cert and --tls-key go together", verb: serve)
        }

        let logger = environment.logger("haven.serve")
        let server = try await HavenServer.start(configuration, logger: logger)
        if let token = server.firstAdminToken {
            Console.line("First start: the admin token is below. It is shown only this once; keep it safe.")
            Console.line(token)
        }
        Console.line("Haven is serving at \(server.url)")
        try await SignalWatcher.runUntilTerminated { await server.run() }
    }

    static let migrate: Verb = Verb(
        words: "migrate", summary: "Apply the pending database migrations and exit.", usage: "migrate"
    ) { _, environment in
        let configuration = try serverConfiguration(environment)
        let logger = environment.logger("haven.migrate")
        let applied = try await Migrations.apply(configuration, logger: logger)
        Console.line(applied.isEmpty ? "The database is current." : "Applied: " + applied.joined(separator: ", "))
    }

    static let versionVerb: Verb = Verb(words: "version", summary: "Print Haven's version.", usage: "version") { _, _ in
        Console.line("haven " + version)
    }

    static func serverConfiguration(_ environment: Environment) throws -> ServerConfiguration {
        var configuration = ServerConfiguration(
            home: environment.home, databaseURL: environment.databaseURL,
            runnerExecutable: URL(filePath: "/proc/self/exe").resolvingSymlinksInPath(),
            migrationsDirectory: environment.migrationsDirectory)
        configuration.vaultKey = environment.vaultKey
        configuration.pacs = environment.pacs
        configuration.dicomStore = environment.dicomStore
        configuration.ledgerKeyFile = environment.ledgerKeyFile
        configuration.oidc = environment.oidc
        return configuration
    }
}
