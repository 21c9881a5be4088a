import Foundation
import HavenCore
import HavenCrypto
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

@Suite(.timeLimit(.minutes(5))) struct AuditLedgerTests {
    /// Makes `count` audited attempts as the researcher: exporting the project's ledger, which the rules deny
    /// (researchers may not export) and audit in the project.
    static func auditedActions(_ client: HavenClient, count: Int) async throws {
        for _ in 0..<count {
            let attempt = try? await client.data("/v1/projects/spine-ct/audit")
            #expect(attempt == nil)
        }
    }

    /// The export's lines, and the ledger's public key.
    static func export(_ test: TestServer, as auditor: HavenClient) async throws -> ([String], Ed25519PublicKey) {
        let data = try await auditor.data("/v1/projects/spine-ct/audit?format=jsonl")
        let key = try Ed25519PublicKey(
            hex: String(decoding: try await auditor.data("/v1/audit/public-key"), as: UTF8.self))
        return (String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init), key)
    }

    static func verify(_ lines: [String], key: Ed25519PublicKey?) -> LedgerVerifier.Report {
        var verifier = LedgerVerifier(publicKey: key)
        for line in lines { verifier.check(line: Data(line.utf8)) }
        return verifier.result
    }

    /// The index of the line holding the entry with ledger sequence `sequence`.
    static func lineIndex(_ lines: [String], sequence: Int64) throws -> Int {
        try #require(
            lines.firstIndex { line in
                (try? JSONDecoder().decode(AuditEvent.self, from: Data(line.utf8)))?.sequence == sequence
            })
    }

    /// A denied entry past the first two whose line is not followed by a checkpoint line, so that deleting it
    /// shows as a gap at once (a checkpoint right after it would be the first thing that no longer matches).
    static func target(_ lines: [String]) throws -> Int64 {
        let events = lines.compactMap { try? JSONDecoder().decode(AuditEvent.self, from: Data($0.utf8)) }
        let candidates = events.filter { $0.outcome == .denied }.dropFirst(2).map(\.sequence)
        return try #require(
            candidates.first { sequence in
                guard let index = try? lineIndex(lines, sequence: sequence), index + 1 < lines.count else {
                    return false
                }
                return !lines[index + 1].contains(#""type":"checkpoint""#)
            })
    }

    @Test func untouchedExportVerifiesWithItsCheckpoints() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        try await Self.auditedActions(researcher, count: 5)

        let (lines, key) = try await Self.export(test, as: auditor)
        let report = Self.verify(lines, key: key)

        #expect(report.failure == nil)
        // Set-up writes entries too (project, users, members, storage, pool); at least the 5 reads are there.
        #expect(report.entries >= 5)
        #expect(report.checkpoints >= 1)
        let other = try Ed25519PrivateKey().publicKey
        #expect(Self.verify(lines, key: other).failure?.reason == .unknownKey)
    }

    @Test func editDeleteAndReorderAreCaughtAtThatEntry() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        try await Self.auditedActions(researcher, count: 6)
        let (lines, key) = try await Self.export(test, as: auditor)
        let target = try Self.target(lines)
        let index = try Self.lineIndex(lines, sequence: target)

        var edited = lines
        edited[index] = edited[index].replacingOccurrences(of: "\"denied\"", with: "\"success\"")
        #expect(edited != lines)
        let editFailure = try #require(Self.verify(edited, key: key).failure)
        #expect(editFailure.reason == .hashMismatch)
        #expect(editFailure.sequence == target)

        var deleted = lines
        deleted.remove(at: index)
        let deleteFailure = try #require(Self.verify(deleted, key: key).failure)
        #expect(deleteFailure.reason == .sequenceGap)
        #expect(deleteFailure.sequence == target)

        var reordered = lines
        let nextIndex = try Self.lineIndex(lines, sequence: target + 1)
        reordered.swapAt(index, nextIndex)
        let reorderFailure = try #require(Self.verify(reordered, key: key).failure)
        #expect(reorderFailure.reason == .sequenceGap)
        #expect(reorderFailure.sequence == target)
    }

    @Test func runtimeRoleMayInsertAndReadButNotChangeTheLedger() async throws {
        let url = try await TestDatabase.makeDatabase()
        let test = try await TestServer.start(databaseURL: url)
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await Self.auditedActions(researcher, count: 1)

        let connection = try await PostgresConnection.connect(url)
        defer { Task { await connection.close() } }
        _ = try await connection.query("SET ROLE haven_runtime")
        let rows = try await connection.query("SELECT count(*)::int8 AS n FROM audit_events")
        #expect(try #require(rows.first).decode("n", as: Int64.self) > 0)
        for statement in [
            "UPDATE audit_events SET actor = 'user:mallory'", "DELETE FROM audit_events",
            "TRUNCATE audit_events", "UPDATE audit_chain SET hash = hash", "DELETE FROM audit_checkpoints",
        ] {
            await #expect(throws: PostgresError.self, "\(statement)") { try await connection.execute(statement) }
        }

        // As the database owner, the trigger still refuses the change.
        _ = try await connection.query("RESET ROLE")
        await #expect(throws: PostgresError.self) {
            try await connection.execute("UPDATE audit_events SET actor = 'user:mallory'")
        }
    }
}
