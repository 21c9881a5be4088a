import Foundation
import HavenCore
import HavenLogging
import HavenServices

/// The `HAVEN_` environment variables, read here and nowhere else; flags override them, they override defaults.
struct Environment: Sendable {
    var home: URL
    var databaseURL: String?
    var url: String?
    var token: String?
    var caFile: String?
    var workDirectory: String?
    /// `HAVEN_JOIN_TOKEN`: the single-use token `haven agent` joins a pool with, kept out of the process list.
    var joinToken: String?
    /// `HAVEN_SLURMRESTD_SOCKET`: slurmrestd's Unix socket, for `slurm` pools.
    var slurmSocket: String?
    /// `HAVEN_LOCAL_GPU_DEVICES`: the GPU indices of this machine that local pools (`haven serve`) and
    /// `haven agent` hand to job runners, such as `0,1,3`; `nil` when unset, to use every GPU the machine has.
    var localGPUDevices: [Int]?
    var migrationsDirectory: URL
    var configFile: URL
    var logLevel: LogLevel
    var logFormat: LogSink.Format
    /// Where the vault's key-encryption key comes from: `HAVEN_VAULT_KEK_FILE`, else `HAVEN_VAULT_KEK`, else the
    /// home key file.
    var vaultKey: VaultKeySource
    /// The hospital PACS and the projects' DICOM store: DICOMweb base URLs, credentials in the URL.
    var pacs: DICOMwebEndpoint?
    var dicomStore: DICOMwebEndpoint?
    /// The audit ledger's signing key file (`HAVEN_LEDGER_KEY_FILE`); nil for `HAVEN_HOME/ledger-key`.
    var ledgerKeyFile: URL?
    /// The identity provider from `HAVEN_OIDC_ISSUER`, `HAVEN_OIDC_AUDIENCE`, `HAVEN_OIDC_JWKS` (a file or URL)
    /// and optionally `HAVEN_OIDC_GROUPS_CLAIM`; `nil` unless all three are set.
    var oidc: OIDCConfiguration?

    init(_ variables: [String: String] = ProcessInfo.processInfo.environment) throws(CLIError) {
        // A directory URL, so that relative paths resolve inside it rather than beside it.
        let cwd = URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory)
        home = variables["HAVEN_HOME"].map { URL(filePath: $0, relativeTo: cwd) } ?? cwd.appending(path: ".haven")
        databaseURL = variables["HAVEN_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        url = variables["HAVEN_URL"]
        token = variables["HAVEN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        caFile = variables["HAVEN_CA_FILE"]
        workDirectory = variables["HAVEN_WORK_DIR"]
        joinToken = variables["HAVEN_JOIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        slurmSocket = variables["HAVEN_SLURMRESTD_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        migrationsDirectory = Self.migrations(variables["HAVEN_MIGRATIONS_DIR"], cwd: cwd)
        let configHome =
            variables["XDG_CONFIG_HOME"].map { URL(filePath: $0) }
            ?? URL(filePath: variables["HOME"] ?? "/tmp").appending(path: ".config")
        configFile =
            variables["HAVEN_CONFIG"].map { URL(filePath: $0) }
            ?? configHome.appending(path: "haven/config.json")

        let levelName = variables["HAVEN_LOG_LEVEL"] ?? "info"
        guard let level = LogLevel(name: levelName) else {
            let names = LogLevel.allCases.map(\.name).joined(separator: ", ")
            throw .usage("HAVEN_LOG_LEVEL is `\(levelName)`; use one of \(names)", verb: nil)
        }
        logLevel = level
        let formatName = variables["HAVEN_LOG_FORMAT"] ?? "text"
        guard let format = LogSink.Format(rawValue: formatName) else {
            throw .usage("HAVEN_LOG_FORMAT is `\(formatName)`; use text or json", verb: nil)
        }
        logFormat = format
        ledgerKeyFile = variables["HAVEN_LEDGER_KEY_FILE"].flatMap {
            $0.isEmpty ? nil : URL(filePath: $0, relativeTo: cwd)
        }

        if let file = variables["HAVEN_VAULT_KEK_FILE"], !file.isEmpty {
            vaultKey = .file(URL(filePath: file, relativeTo: cwd))
        } else if let text = variables["HAVEN_VAULT_KEK"], !text.isEmpty {
            do throws(VaultError) {
                vaultKey = .value(try KeyEncryptionKey(base64: text))
            } catch {
                throw .usage("HAVEN_VAULT_KEK: " + error.message, verb: nil)
            }
        } else {
            vaultKey = .home
        }

        if let issuer = variables["HAVEN_OIDC_ISSUER"], let audience = variables["HAVEN_OIDC_AUDIENCE"],
            let jwks = variables["HAVEN_OIDC_JWKS"]
        {
            let isURL = jwks.hasPrefix("https://") || jwks.hasPrefix("http://")
            let source = isURL ? jwks : URL(filePath: jwks, relativeTo: cwd).path
            oidc = OIDCConfiguration(issuer: issuer, audience: audience, jwks: source)
            if let claim = variables["HAVEN_OIDC_GROUPS_CLAIM"] { oidc?.groupsClaim = claim }
        }
        if let list = variables["HAVEN_LOCAL_GPU_DEVICES"] {
            guard let devices = GPUAssignments.parse(list) else {
                throw .usage(
                    "HAVEN_LOCAL_GPU_DEVICES is `\(list)`; give GPU indices with commas, such as `0,1,3`", verb: nil)
            }
            localGPUDevices = devices
        }
        pacs = try Self.endpoint(variables, "HAVEN_PACS_URL")
        dicomStore = try Self.endpoint(variables, "HAVEN_DICOM_STORE_URL")
    }

    private static func endpoint(_ variables: [String: String], _ name: String) throws(CLIError) -> DICOMwebEndpoint? {
        guard let text = variables[name], !text.isEmpty else { return nil }
        do {
            return try DICOMwebEndpoint(url: text, setting: name)
        } catch {
            throw .usage("\(error)", verb: nil)
        }
    }

    /// The migrations folder: the variable, else `Migrations` in the working folder, else the source tree's.
    private static func migrations(_ variable: String?, cwd: URL) -> URL {
        if let variable { return URL(filePath: variable, relativeTo: cwd) }
        let local = cwd.appending(path: "Migrations")
        if FileManager.default.fileExists(atPath: local.path) { return local }
        return URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appending(path: "Migrations")
    }

    func logger(_ label: String) -> Logger {
        Logger(label: label, sink: LogSink(level: logLevel, format: logFormat))
    }

    /// A client for the server the flags, the variables or the login file name, in that order.
    func client(_ arguments: Arguments) throws(CLIError) -> HavenClient {
        let saved = LoginFile.read(configFile)
        let url = arguments.options["url"] ?? self.url ?? saved?.url ?? "http://127.0.0.1:8080"
        guard let token = arguments.options["token"] ?? self.token ?? saved?.token else {
            throw .usage("no token; pass --token, set HAVEN_TOKEN, or run `haven login`", verb: nil)
        }
        return HavenClient(baseURL: url, token: token, caCertificatePath: caFile ?? saved?.caFile)
    }
}
