import Foundation
import HavenCore
import HavenCrypto
import PostgresClient

/// Writes the chained ledger as JSON lines or CSV, a page at a time, so memory stays flat however long it is.
///
/// JSON lines are lossless and verifiable: a start line with the chain hash before the first shown entry, every
/// entry from there to the chain's head (in full if it matches the filter, else by digest), and the checkpoints
/// in that range right after the entry they sign. CSV shows only matching entries, for people.
struct LedgerExporter: Sendable {
    /// The export formats.
    enum Format: String {
        case jsonl
        case csv
    }

    static let pageSize = 2_000

    let pool: PostgresPool
    let filter: LedgerFilter
    let format: Format

    /// The ledger sequences an export covers: from the first matching entry through the chain's head.
    struct Range: Sendable {
        let first: Int64
        let head: Int64
    }

    /// Writes the export through `write`, and returns how many entries matched the filter.
    func export(_ write: (Data) async throws -> Void) async throws -> Int {
        try await export(try await range(), write)
    }

    /// Finds the range to export; running it first checks the filter's values against the database.
    func range() async throws -> Range {
        let condition = filter.condition
        let startRows = try await pool.query(
            """
            SELECT coalesce(min(c.ledger_sequence), 0) AS first,
                   (SELECT coalesce(max(ledger_sequence), 0) FROM audit_chain) AS head
            FROM audit_chain c JOIN audit_events e ON e.sequence = c.event_id WHERE \(condition.sql)
            """, condition.parameters)
        let head = try startRows.first?.decode("head", as: Int64.self) ?? 0
        let firstMatch = try startRows.first?.decode("first", as: Int64.self) ?? 0
        return Range(first: firstMatch == 0 ? head + 1 : firstMatch, head: head)
    }

    /// Writes the export of `range` through `write`, a page at a time; returns how many entries matched.
    func export(_ range: Range, _ write: (Data) async throws -> Void) async throws -> Int {
        var lines = LedgerLineWriter()
        if format == .csv {
            try await write(Data(AuditCSV.header.utf8))
        } else {
            let before = try await pool.query(
                "SELECT hash FROM audit_chain WHERE ledger_sequence = $1", [range.first - 1])
            let hash = try before.first?.decode("hash", as: Data.self) ?? LedgerChain.genesis
            lines.append(LedgerRecord(type: .start, sequence: range.first, hash: Hex.encode(hash)))
            try await write(lines.take())
        }

        var matched = 0
        var next = range.first
        while next <= range.head {
            let last = min(range.head, next + Int64(Self.pageSize) - 1)
            matched += try await page(from: next, through: last, into: &lines)
            try await write(lines.take())
            next = last + 1
        }
        return matched
    }

    /// Writes the entries `from...last` and their checkpoints into `lines`; returns how many matched.
    private func page(from: Int64, through last: Int64, into lines: inout LedgerLineWriter) async throws -> Int {
        let condition = filter.condition
        let rows = try await pool.query(
            """
            SELECT c.ledger_sequence, c.digest, c.hash, coalesce((\(condition.sql)), false) AS matches,
                   \(LedgerRows.eventColumns)
            FROM audit_chain c JOIN audit_events e ON e.sequence = c.event_id
            WHERE c.ledger_sequence BETWEEN $8 AND $9 ORDER BY c.ledger_sequence
            """, condition.parameters + [String(from), String(last)])
        var checkpoints: [Int64: LedgerRecord] = [:]
        if format == .jsonl {
            checkpoints = try await self.checkpoints(from: from, through: last)
        }

        var matched = 0
        var csv = ""
        for row in rows {
            let sequence = try row.decode("ledger_sequence", as: Int64.self)
            let hash = Hex.encode(try row.decode("hash", as: Data.self))
            let matches = try row.decode("matches", as: Bool.self)
            if matches { matched += 1 }
            switch (format, matches) {
            case (.csv, true):
                csv += AuditCSV.record(try LedgerRows.event(row, sequence: sequence, hash: hash))
            case (.csv, false):
                break
            case (.jsonl, true):
                lines.append(try LedgerRows.event(row, sequence: sequence, hash: hash))
            case (.jsonl, false):
                let digest = Hex.encode(try row.decode("digest", as: Data.self))
                lines.append(LedgerRecord(type: .omitted, sequence: sequence, hash: hash, digest: digest))
            }
            if let checkpoint = checkpoints[sequence] { lines.append(checkpoint) }
        }
        if !csv.isEmpty { lines.appendRaw(csv) }
        return matched
    }

    private func checkpoints(from: Int64, through last: Int64) async throws -> [Int64: LedgerRecord] {
        let rows = try await pool.query(
            """
            SELECT ledger_sequence, hash, signature, public_key,
                   to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS time
            FROM audit_checkpoints WHERE ledger_sequence BETWEEN $1 AND $2
            """, [from, last])
        var records: [Int64: LedgerRecord] = [:]
        for row in rows {
            let sequence = try row.decode("ledger_sequence", as: Int64.self)
            records[sequence] = LedgerRecord(
                type: .checkpoint, sequence: sequence, hash: Hex.encode(try row.decode("hash", as: Data.self)),
                time: try row.decode("time", as: String.self),
                signature: Hex.encode(try row.decode("signature", as: Data.self)),
                publicKey: Hex.encode(try row.decode("public_key", as: Data.self)))
        }
        return records
    }
}
