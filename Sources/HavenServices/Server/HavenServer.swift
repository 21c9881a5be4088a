import Foundation
import HTTPServer
import HavenLogging
import PostgresClient
import Synchronization

/// One running Haven: database, migrations, the first admin, the HTTP API and the local pool driver.
public final class HavenServer: Sendable {
    /// The address clients use, such as `http://127.0.0.1:8080`.
    public let url: String
    /// The first admin's token when this start created it; shown once, stored only as a hash.
    public let firstAdminToken: String?
    let pool: PostgresPool
    let http: HTTPServer
    let driver: Task<Void, Never>
    let chainer: Task<Void, Never>
    /// Reloads the policy when any replica applies a new version.
    let policyWatcher: Task<Void, Never>
    let cluster: EmbeddedPostgres.Handle?
    let logger: Logger
    /// Held for the server's life; released when the server is gone.
    let homeLock: HomeLock
    private let stopped = Mutex(false)

    private init(
        url: String, firstAdminToken: String?, pool: PostgresPool, http: HTTPServer, driver: LocalPoolDriver,
        slurm: SlurmPoolDriver?, stallTimeout: Duration, chainer: LedgerChainer, policies: PolicyStore,
        cluster: EmbeddedPostgres.Handle?, homeLock: HomeLock,
        logger: Logger
    ) {
        self.homeLock = homeLock
        self.url = url
        self.firstAdminToken = firstAdminToken
        self.pool = pool
        self.http = http
        self.cluster = cluster
        self.logger = logger
        self.chainer = Task { await chainer.run() }
        self.policyWatcher = Task { await policies.run() }
        let leases = NodeLeaseWatch(pool: pool, logger: logger)
        let watch = AttemptWatch(pool: pool, stallTimeout: stallTimeout, logger: logger)
        self.driver = Task {
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await driver.run() }
                    group.addTask { try await leases.run() }
                    group.addTask { try await watch.run() }
                    if let slurm { group.addTask { try await slurm.run() } }
                    try await group.next()
                    group.cancelAll()
                }
            } catch is CancellationError {
            } catch {
                logger.error("local pool driver stopped", [.error: "\(error)"])
            }
        }
    }

    /// Connects, migrates, makes sure an admin exists, and starts serving on the configured address.
    ///
    /// - Parameters:
    ///   - database: the database's name in the embedded cluster (ignored when a database URL is configured).
    ///   - fresh: drop that database first, so that this start begins from nothing (the demo does).
    public static func start(
        _ configuration: ServerConfiguration, database: String = "haven", fresh: Bool = false, logger: Logger
    ) async throws -> HavenServer {
        let lock = try HomeLock(home: configuration.home)
        // The keys first: an unsafe, unreadable or missing key file stops the start before anything else is touched
        // (in particular before the first admin's token is made and shown).
        let keyring = VaultKeyring(current: try configuration.vaultKey.load(home: configuration.home))
        let ledgerKey = try LedgerKeyFile.loadOrCreate(at: configuration.ledgerKeyPath)
        let (pool, cluster) = try await DatabaseConnector(configuration: configuration, logger: logger)
            .connect(database: database, fresh: fresh)
        let migrator = Migrator(directory: configuration.migrationsDirectory, pool: pool, logger: logger)
        _ = try await migrator.migrate()
        let adminToken = try await FirstAdmin.ensure(in: pool, logger: logger)

        let chainer = LedgerChainer(pool: pool, key: ledgerKey, configuration: configuration.ledger, logger: logger)
        var verifier: JWTVerifier?
        if let oidc = configuration.oidc { verifier = try await JWTVerifier.load(oidc) }
        let api = HavenAPI(
            pool: pool, configuration: configuration, chainer: chainer, logger: logger, keyring: keyring,
            oidc: verifier
        ) {
            (try? await migrator.status().isCurrent) ?? false
        }
        try await api.policies.reload()
        var httpConfiguration = HTTPServerConfiguration()
        httpConfiguration.host = configuration.host
        httpConfiguration.port = configuration.port
        httpConfiguration.maximumBodyBytes = max(configuration.maximumBufferedBodyBytes, configuration.maximumJSONBytes)
        httpConfiguration.maximumStreamedBodyBytes = Int64(configuration.maximumObjectBytes)
        httpConfiguration.uploadStagingDirectory = configuration.uploadStagingRoot
        httpConfiguration.tlsCertificatePath = configuration.tlsCertificatePath
        httpConfiguration.tlsKeyPath = configuration.tlsKeyPath
        let http = try HTTPServer(configuration: httpConfiguration, router: api.router(), logger: logger)
        try http.start()

        let scheme = configuration.tlsCertificatePath == nil ? "http" : "https"
        let url = "\(scheme)://\(configuration.host):\(http.port)"
        let driver = LocalPoolDriver(pool: pool, configuration: configuration, serverURL: url, logger: logger)
        let slurm = configuration.slurm.map {
            SlurmPoolDriver(
                pool: pool, configuration: $0, serverURL: url, runner: configuration.runnerExecutable, logger: logger)
        }
        logger.info("haven serving", [.address: url])
        return HavenServer(
            url: url, firstAdminToken: adminToken, pool: pool, http: http, driver: driver, slurm: slurm,
            stallTimeout: configuration.stallTimeout, chainer: chainer, policies: api.policies, cluster: cluster,
            homeLock: lock, logger: logger)
    }

    /// Serves until the calling task is cancelled, then drains requests and stops what this process started.
    public func run() async {
        await withTaskCancellationHandler {
            await driver.value
        } onCancel: {
            driver.cancel()
        }
        await shutdown()
    }

    /// Stops placing jobs and accepting requests, lets in-flight ones finish, closes the database, and stops an
    /// embedded cluster this process started. Later calls do nothing.
    public func shutdown() async {
        let first = stopped.withLock { stopped in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        driver.cancel()
        await driver.value
        await http.shutdown()
        chainer.cancel()
        await chainer.value
        policyWatcher.cancel()
        await policyWatcher.value
        await pool.close()
        try? cluster?.stop()
        logger.info("haven stopped", [.address: url])
    }
}
