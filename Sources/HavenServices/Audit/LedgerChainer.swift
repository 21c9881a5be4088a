import Foundation
import HavenCore
import HavenCrypto
import HavenLogging
import PostgresClient

/// Gives committed ledger entries their gap-free sequence and chain hash, in batches, and signs checkpoints.
///
/// Any Haven may run a pass; a transaction-scoped advisory lock lets one pass run at a time across every server
/// on the database, and each pass starts from the chain head it reads under that lock. Audited actions therefore
/// only insert their entry and never wait on the chain.
final class LedgerChainer: Sendable {
    /// The advisory lock key that elects the chainer ("havenldg" in ASCII).
    static let lockKey: Int64 = 0x6861_7665_6e6c_6467

    let pool: PostgresPool
    let key: Ed25519PrivateKey
    let configuration: LedgerConfiguration
    let logger: Logger

    init(pool: PostgresPool, key: Ed25519PrivateKey, configuration: LedgerConfiguration, logger: Logger) {
        self.pool = pool
        self.key = key
        self.configuration = configuration
        self.logger = logger
    }

    /// Runs passes until cancelled: at once while there is work, else after the poll interval.
    func run() async {
        while !Task.isCancelled {
            let chained = (try? await pass()) ?? 0
            if chained < configuration.batchSize {
                try? await Task.sleep(for: configuration.pollInterval)
            }
        }
    }

    /// Chains until every entry committed before the call is chained.
    func catchUp() async throws {
        while try await pass(waitForLock: true) >= configuration.batchSize {}
    }

    /// One batch: returns how many entries it chained (0 if another server holds the lock).
    @discardableResult
    func pass(waitForLock: Bool = false) async throws -> Int {
        try await pool.transaction { connection in
            let lock = waitForLock ? "pg_advisory_xact_lock($1)" : "pg_try_advisory_xact_lock($1)"
            let locked = try await connection.query("SELECT \(lock)::text AS locked", [Self.lockKey])
            let holdsLock = try locked.first?.decode("locked", as: String.self) == "true"
            guard waitForLock || holdsLock else { return 0 }

            let head = try await Self.head(on: connection)
            let rows = try await connection.query(
                Self.unchainedQuery,
                [head.watermark, configuration.batchSize, head.backlog?.watermark, head.backlog?.after])
            guard let first = rows.first, let last = rows.last else { return 0 }

            // Where the next pass looks: see LedgerResume for why that finds every entry this one left.
            let resume = LedgerResume(
                after: head, snapshotXmin: try first.decode("xmin", as: String.self),
                lastTaken: try last.decode("event_id", as: Int64.self), full: rows.count >= configuration.batchSize)
            var sequence = head.sequence
            var hash = head.hash
            var eventIDs: [String] = []
            var digests: [String] = []
            var hashes: [String] = []
            for row in rows {
                sequence += 1
                let event = try LedgerRows.event(row, sequence: sequence, hash: nil)
                let digest = LedgerChain.digest(event)
                hash = LedgerChain.hash(previous: hash, digest: digest)
                eventIDs.append(String(try row.decode("event_id", as: Int64.self)))
                digests.append(Hex.encode(digest))
                hashes.append(Hex.encode(hash))
            }
            try await connection.execute(
                """
                INSERT INTO audit_chain (ledger_sequence, event_id, digest, hash, watermark, backlog_watermark,
                                         backlog_after)
                SELECT $1::bigint + n, e::bigint, decode(d, 'hex'), decode(h, 'hex'), $5::xid8, $6::xid8, $7::bigint
                FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(e, d, h, n)
                """,
                [
                    head.sequence, eventIDs, digests, hashes, resume.watermark, resume.backlog?.watermark,
                    resume.backlog?.after,
                ])

            try await checkpointIfDue(sequence: sequence, hash: hash, on: connection)
            return rows.count
        }
    }

    /// The next batch of unchained entries, oldest entry sequence first.
    ///
    /// The two places unchained entries can be (see ``LedgerResume``) are searched apart, each for a batch at
    /// most: transactions from the watermark on through the transaction id index, and the backlog by entry
    /// sequence from its last entry on through the primary key, which stops once it has found a batch instead of
    /// reading every entry of the backlog's transactions.
    static let unchainedQuery = """
        WITH candidates AS (
            (SELECT e.sequence FROM audit_events e
             WHERE e.txid >= $1::xid8 AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.sequence)
             ORDER BY e.sequence LIMIT $2)
            UNION
            (SELECT e.sequence FROM audit_events e
             WHERE e.sequence > $4::bigint AND e.txid >= $3::xid8
               AND NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.sequence)
             ORDER BY e.sequence LIMIT $2)
        )
        SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, e.sequence AS event_id,
               \(LedgerRows.eventColumns)
        FROM audit_events e JOIN (SELECT sequence FROM candidates ORDER BY sequence LIMIT $2) n USING (sequence)
        ORDER BY e.sequence
        """

    private func checkpointIfDue(sequence: Int64, hash: Data, on connection: PostgresConnection) async throws {
        let rows = try await connection.query(
            """
            SELECT coalesce(max(ledger_sequence), 0) AS sequence,
                   coalesce(extract(epoch FROM clock_timestamp() - max(time)), 1e9)::float8 AS age
            FROM audit_checkpoints
            """)
        let last = try rows.first?.decode("sequence", as: Int64.self) ?? 0
        let age = try rows.first?.decode("age", as: Double.self) ?? .infinity
        let interval = Double(configuration.checkpointInterval.components.seconds)
        guard sequence - last >= configuration.checkpointEvery || age >= interval else { return }

        let now = try await connection.query(
            "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS time")
        let time = try now.first?.decode("time", as: String.self) ?? ""
        let signature = try key.signature(
            for: LedgerChain.checkpointMessage(sequence: sequence, hash: hash, time: time))
        try await connection.execute(
            """
            INSERT INTO audit_checkpoints (ledger_sequence, hash, time, signature, public_key)
            VALUES ($1, $2, $3::timestamptz, $4, $5)
            """, [sequence, hash, time, signature, key.publicKey.rawRepresentation])
        logger.debug("signed audit ledger checkpoint", [.count: String(sequence)])
    }

    /// The chain's last sequence and hash, and where the next pass resumes; the genesis values for an empty chain.
    static func head(on connection: PostgresConnection) async throws -> LedgerResume.Head {
        let rows = try await connection.query(
            """
            SELECT ledger_sequence, hash, watermark::text AS watermark,
                   backlog_watermark::text AS backlog_watermark, backlog_after::text AS backlog_after
            FROM audit_chain ORDER BY ledger_sequence DESC LIMIT 1
            """)
        guard let row = rows.first else { return LedgerResume.Head(sequence: 0, hash: LedgerChain.genesis) }
        var head = LedgerResume.Head(
            sequence: try row.decode("ledger_sequence", as: Int64.self), hash: try row.decode("hash", as: Data.self))
        head.watermark = try row.decode("watermark", as: String.self)
        if let watermark = try row.decode("backlog_watermark", as: String?.self),
            let after = try row.decode("backlog_after", as: String?.self).flatMap({ Int64($0) })
        {
            head.backlog = (watermark, after)
        }
        return head
    }
}
