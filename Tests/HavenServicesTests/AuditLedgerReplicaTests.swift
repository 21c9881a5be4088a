import Foundation
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

/// Two servers on one database under concurrent audited load: the ledger must hold each action exactly once.
@Suite(.timeLimit(.minutes(5))) struct AuditLedgerReplicaTests {
    /// How long the clients keep acting: 10 seconds, or 60 with `HAVEN_LONG_TESTS=1`.
    static let loadDuration: Duration =
        ProcessInfo.processInfo.environment["HAVEN_LONG_TESTS"] == "1" ? .seconds(60) : .seconds(10)

    static let clientCount = 32

    /// What one client saw: how many actions of each `action/outcome` the server answered, and how many
    /// requests failed in a way that leaves the audit trail unknown.
    struct Tally: Sendable {
        var actions: [String: Int] = [:]
        var unexpected: [String] = []

        mutating func merge(_ other: Tally) {
            actions.merge(other.actions, uniquingKeysWith: +)
            unexpected += other.unexpected
        }
    }

    /// Cycles through a write of a new object, a read of it, and a denied export attempt until `deadline`,
    /// finishing at least one whole cycle however slow the machine is.
    static func act(as client: HavenClient, number: Int, until deadline: ContinuousClock.Instant) async -> Tally {
        var tally = Tally()
        var step = 0
        while step < 3 || ContinuousClock.now < deadline {
            let path = "/v1/projects/spine-ct/objects/images/replica/client-\(number)-\(step / 3).bin"
            do {
                switch step % 3 {
                case 0:
                    let data = Data("client \(number) step \(step)".utf8)
                    let _: ObjectAPI.View = try await client.put(path, data: data, sha256: nil)
                    tally.actions["data.write/success", default: 0] += 1
                case 1:
                    _ = try await client.data(path)
                    tally.actions["data.read/success", default: 0] += 1
                default:
                    do {
                        _ = try await client.data("/v1/projects/spine-ct/audit")
                        tally.unexpected.append("a researcher's export was allowed")
                    } catch let error as HavenClientError where error.status == 403 {
                        tally.actions["audit.export/denied", default: 0] += 1
                    }
                }
            } catch {
                tally.unexpected.append(String(describing: error))
            }
            step += 1
        }
        return tally
    }

    @Test func twoReplicasUnderConcurrentLoadLedgerEachActionOnceInAValidChain() async throws {
        let url = try await TestDatabase.makeDatabase()
        let first = try await TestServer.start(databaseURL: url)
        defer { Task { await first.server.shutdown() } }
        let (researcher, _) = try await first.projectWithMembers()
        let second = try await first.replica(databaseURL: url)
        defer { Task { await second.server.shutdown() } }

        // Half the clients talk to each server.
        let deadline = ContinuousClock.now + Self.loadDuration
        let tally = await withTaskGroup(of: Tally.self) { group in
            for number in 0..<Self.clientCount {
                let client = number.isMultiple(of: 2) ? researcher : researcher.rebased(on: second.server.url)
                group.addTask { await Self.act(as: client, number: number, until: deadline) }
            }
            var total = Tally()
            for await part in group { total.merge(part) }
            return total
        }
        #expect(tally.unexpected.isEmpty, "\(tally.unexpected.prefix(5))")
        let clientTotal = tally.actions.values.reduce(0, +)
        // Each client finishes at least one full cycle, so a client that gave up early shows here.
        #expect(clientTotal >= 3 * Self.clientCount)

        // Verification runs a chainer pass first, so every committed entry is chained before it checks.
        let verification: LedgerVerificationView = try await second.admin.get("/v1/audit/verify")
        #expect(verification.failure == nil)
        #expect(verification.checkpoints >= 1)

        let connection = try await PostgresConnection.connect(url)
        defer { Task { await connection.close() } }
        let rows = try await connection.query(
            """
            SELECT e.action || '/' || e.outcome AS kind, count(*)::int8 AS n
            FROM audit_events e JOIN audit_chain c ON c.event_id = e.sequence
            WHERE e.actor = 'user:researcher' GROUP BY 1
            """)
        var ledger: [String: Int] = [:]
        for row in rows { ledger[try row.decode("kind", as: String.self)] = Int(try row.decode("n", as: Int64.self)) }
        #expect(ledger == tally.actions)

        // Every entry is chained once, under the sequence numbers 1...n with no gap, and the verifier saw them all.
        let chain = try #require(
            try await connection.query(
                """
                SELECT (SELECT count(*) FROM audit_events)::int8 AS events, count(*)::int8 AS chained,
                       coalesce(min(ledger_sequence), 0)::int8 AS first, coalesce(max(ledger_sequence), 0)::int8 AS last
                FROM audit_chain
                """
            ).first)
        let events = try chain.decode("events", as: Int64.self)
        #expect(try chain.decode("chained", as: Int64.self) == events)
        #expect(try chain.decode("first", as: Int64.self) == 1)
        #expect(try chain.decode("last", as: Int64.self) == events)
        // The verification is audited too, by an entry written before it checks, so it saw that entry as well.
        #expect(verification.entries == Int(events))
        let verifications = try await connection.query(
            "SELECT count(*)::int8 AS n FROM audit_events WHERE action = 'audit.verify' AND outcome = 'success'")
        #expect(try verifications.first?.decode("n", as: Int64.self) == 1)
    }
}
