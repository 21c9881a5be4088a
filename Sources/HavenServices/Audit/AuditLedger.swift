import Foundation
import HavenCore
import HavenCrypto
import HavenLogging
import PostgresClient

/// One database's audit ledger opened outside a server, for tools such as the ledger benchmark: it appends
/// entries through the same insert an audited action uses, runs the chainer, verifies and exports.
public final class AuditLedger: Sendable {
    let pool: PostgresPool
    let chainer: LedgerChainer

    init(pool: PostgresPool, chainer: LedgerChainer) {
        self.pool = pool
        self.chainer = chainer
    }

    /// Connects to `databaseURL` with up to `connections` connections, applies pending migrations, and loads
    /// (or makes) the signing key in `keyFile`.
    public static func open(
        databaseURL: String, migrations: URL, keyFile: URL, connections: Int,
        configuration: LedgerConfiguration = LedgerConfiguration(), logger: Logger = .disabled
    ) async throws -> AuditLedger {
        let pool = PostgresPool(
            PostgresConfiguration(connectionString: databaseURL, maximumConnections: connections), logger: logger)
        _ = try await Migrator(directory: migrations, pool: pool, logger: logger).migrate()
        let key = try LedgerKeyFile.loadOrCreate(at: keyFile)
        return AuditLedger(
            pool: pool, chainer: LedgerChainer(pool: pool, key: key, configuration: configuration, logger: logger))
    }

    /// Appends one entry in a transaction of its own, as an audited read or denial does; with `table`, the same
    /// row goes into that unchained table of `audit_events`' shape instead.
    public func append(
        actor: String, userID: String, action: Action, resource: String, outcome: AuditOutcome,
        requestID: String, into table: String? = nil
    ) async throws {
        let context = RequestContext(
            principal: .user(id: userID, name: actor, isAdmin: false, roles: [:]), requestID: requestID,
            clientAddress: "127.0.0.1")
        let entry = AuditEntry(context, action, resource: resource, projectID: nil, outcome: outcome, rule: nil)
        try await pool.withConnection { connection in
            try await AuditLog.record(entry, on: connection, table: table ?? "audit_events")
        }
    }

    /// Runs the chainer until the calling task is cancelled.
    public func runChainer() async {
        await chainer.run()
    }

    /// Chains every entry committed before the call.
    public func catchUp() async throws {
        try await chainer.catchUp()
    }

    /// Writes the whole ledger as JSON lines through `write`, a page at a time; returns the entry count.
    @discardableResult
    public func export(_ write: (Data) async throws -> Void) async throws -> Int {
        try await LedgerExporter(pool: pool, filter: LedgerFilter(), format: .jsonl).export(write)
    }

    /// Checks the whole ledger's chain and checkpoint signatures against this ledger's key.
    public func verify() async throws -> LedgerVerifier.Report {
        var verifier = LedgerVerifier(publicKey: chainer.key.publicKey)
        try await export { chunk in verifier.checkLines(in: chunk) }
        return verifier.result
    }

    /// Runs `sql` without parameters, for a tool's own set-up such as creating its comparison table.
    public func execute(_ sql: String) async throws {
        try await pool.execute(sql)
    }

    /// Closes the ledger's connections.
    public func close() async {
        await pool.close()
    }
}
