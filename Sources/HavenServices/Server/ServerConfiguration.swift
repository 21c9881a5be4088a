import Foundation
import HavenLogging

/// Everything `haven serve` needs; the executable fills it from flags, then `HAVEN_` variables, then defaults.
public struct ServerConfiguration: Sendable {
    /// Haven's data folder: the embedded PostgreSQL cluster and default storage live under it.
    public var home: URL
    /// A PostgreSQL connection string; nil starts (or reuses) the embedded cluster under `home`.
    public var databaseURL: String?
    public var host: String
    /// The listening port; 0 picks a free one.
    public var port: Int
    public var tlsCertificatePath: String?
    public var tlsKeyPath: String?
    /// The most a JSON request body may hold.
    public var maximumJSONBytes: Int
    /// The most an uploaded object may hold; uploads stream to disk, so this guards the disk, not memory.
    /// Default 1 TiB.
    public var maximumObjectBytes: Int
    public var databaseConnections: Int
    /// The `haven` binary that local pools run jobs with; the running executable by default.
    public var runnerExecutable: URL
    /// The folder of numbered SQL migrations.
    public var migrationsDirectory: URL
    /// The audit ledger's Ed25519 signing key; `home/ledger-key` by default, made on first start.
    public var ledgerKeyFile: URL?
    /// How the audit ledger chains and signs.
    public var ledger = LedgerConfiguration()
    /// The most a request body read into memory may hold (a DICOM import, say); object uploads stream instead.
    /// Default 256 MiB.
    public var maximumBufferedBodyBytes = 256 << 20
    /// How long a deleted object's bytes are kept (and its path stays taken) before they are purged, in seconds.
    /// Default 7 days.
    public var deletedObjectRetention: Double = 7 * 24 * 3600
    /// Where the vault's key-encryption key comes from; `HAVEN_HOME/vault.kek`, made on first start, by default.
    public var vaultKey: VaultKeySource = .home
    /// The compute limits admission applies per project; none by default.
    public var quotas: any QuotaSource = FixedQuotas()
    /// The Slurm cluster of `slurm` pools; with none, such pools place nothing.
    public var slurm: SlurmConfiguration?
    /// The GPU device indices local pools hand to their jobs' runners, each to one runner at a time; `nil` (the
    /// default) takes this machine's `/dev/nvidiaN`. A list keeps some GPUs back, or stands in for GPUs a test
    /// machine does not have.
    public var localGPUDevices: [Int]?
    /// How long a running job may stay silent (no report, no progress) before it is marked stalled.
    public var stallTimeout: Duration = .seconds(600)
    /// The hospital PACS (a DICOMweb base URL) that projects search and pull from; nil turns PACS pulls off.
    public var pacs: DICOMwebEndpoint?
    /// The DICOMweb store that holds projects' de-identified DICOM; nil turns PACS pulls and DICOM imports off.
    public var dicomStore: DICOMwebEndpoint?
    /// The identity provider whose bearer JWTs Haven accepts besides its own tokens; `nil` accepts none.
    public var oidc: OIDCConfiguration?

    public init(
        home: URL, databaseURL: String? = nil, host: String = "127.0.0.1", port: Int = 8080,
        tlsCertificatePath: String? = nil, tlsKeyPath: String? = nil, maximumJSONBytes: Int = 1 << 20,
        maximumObjectBytes: Int = 1 << 40, databaseConnections: Int = 16, runnerExecutable: URL,
        migrationsDirectory: URL
    ) {
        self.home = home
        self.databaseURL = databaseURL
        self.host = host
        self.port = port
        self.tlsCertificatePath = tlsCertificatePath
        self.tlsKeyPath = tlsKeyPath
        self.maximumJSONBytes = maximumJSONBytes
        self.maximumObjectBytes = maximumObjectBytes
        self.databaseConnections = databaseConnections
        self.runnerExecutable = runnerExecutable
        self.migrationsDirectory = migrationsDirectory
    }

    /// Where filesystem endpoints are created when the admin gives no path.
    public var storageRoot: URL { home.appending(path: "storage") }
    /// Where streamed uploads are staged; beside the default storage folder, so that publishing one there is a link.
    public var uploadStagingRoot: URL { storageRoot.appending(path: ".uploads") }
    /// Where job runners keep their work folders.
    public var workRoot: URL { home.appending(path: "work") }
    /// Where the ledger's signing key is read from, or written on first start.
    public var ledgerKeyPath: URL { ledgerKeyFile ?? home.appending(path: "ledger-key") }
}
