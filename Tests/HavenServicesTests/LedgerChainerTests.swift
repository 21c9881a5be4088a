import Foundation
import HavenCore
import HavenTestSupport
import PostgresClient
import Testing

@testable import HavenServices

@Suite(.timeLimit(.minutes(5))) struct LedgerChainerTests {
    static let insert = """
        INSERT INTO audit_events (actor, action, resource, outcome, decision)
        SELECT 'user:bulk', 'data.read', 'r-' || n, 'success', 'allow' FROM generate_series(1, $1::int) AS n
        """

    @Test func fullBatchesResumeAfterTheirLastEntryAndMissNothing() async throws {
        let url = try await TestDatabase.makeDatabase()
        var configuration = LedgerConfiguration()
        configuration.batchSize = 100
        let folder = FileManager.default.temporaryDirectory.appending(path: "haven-chainer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = try await AuditLedger.open(
            databaseURL: url, migrations: TestDatabase.migrationsDirectory(),
            keyFile: folder.appending(path: "ledger-key"), connections: 4, configuration: configuration)

        // An entry whose transaction stays open while a later, larger one commits: it has the lower entry
        // sequence but becomes visible only after the chainer has passed it by.
        let early = try await PostgresConnection.connect(url)
        try await early.execute("BEGIN")
        try await early.execute(Self.insert, [1])
        try await ledger.execute(Self.insert.replacingOccurrences(of: "$1::int", with: "450"))

        // 450 entries in batches of 100: four full passes that resume after their last entry, then 50.
        try await ledger.catchUp()
        let heads = try await ledger.pool.query(
            "SELECT count(*)::int8 AS n, count(backlog_after)::int8 AS resumed FROM audit_chain")
        #expect(try heads.first?.decode("n", as: Int64.self) == 450)
        #expect(try heads.first?.decode("resumed", as: Int64.self) == 400)

        try await early.execute("COMMIT")
        await early.close()
        try await ledger.catchUp()

        // 451 entries, each chained once, in a chain that verifies.
        let report = try await ledger.verify()
        #expect(report.failure == nil)
        #expect(report.entries == 451)
        let chained = try await ledger.pool.query(
            "SELECT count(DISTINCT event_id)::int8 AS n, max(ledger_sequence) AS head FROM audit_chain")
        #expect(try chained.first?.decode("n", as: Int64.self) == 451)
        #expect(try chained.first?.decode("head", as: Int64.self) == 451)
        await ledger.close()
    }
}
