import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

@Suite(.timeLimit(.minutes(5))) struct DemoScenarioTests {
    @Test func demoReproducesIndependentDiceAndAuditsEveryFileAccess() async throws {
        let home = try Repository.temporaryFolder("demo")
        let configuration = ServerConfiguration(
            home: home, databaseURL: try await TestDatabase.makeDatabase(),
            runnerExecutable: Repository.havenExecutable, migrationsDirectory: Repository.migrations)
        let report = try await DemoScenario(
            configuration: configuration, samples: Repository.samples, logger: .disabled
        )
        .run { _ in }

        // Dice per label of the fast model against the full model, computed independently of Haven (issue 3).
        let expected: [Int: Double] = [30: 0.974, 31: 0.965, 32: 0.968, 33: 0.889]
        for (label, dice) in expected {
            let row = try #require(report.diceFastVersusFull.first { $0.label == label })
            #expect(abs(try #require(row.dice) - dice) <= 0.001, "label \(label)")
        }
        #expect(report.jobs.map(\.state) == [.succeeded, .succeeded, .succeeded])

        // Ledger records (start, checkpoints) have a `type`; entries do not.
        let lines = try String(contentsOf: try #require(report.exports["jsonl"]), encoding: .utf8)
            .split(separator: "\n").filter {
                (try? JSONDecoder().decode(LedgerRecord.self, from: Data($0.utf8))) == nil
            }
        let events = try lines.map { try JSONDecoder().decode(AuditEvent.self, from: Data($0.utf8)) }
        let writes = events.filter { $0.action == "data.write" && $0.outcome == .success }
        let reads = events.filter { $0.action == "data.read" && $0.outcome == .success }
        // Hand count: 4 imports by the researcher, then one output per job (mask, dice.json, dice.json) = 7 writes;
        // reads: the CT by the inference job, two label maps by each evaluation job = 1 + 2 + 2 = 5.
        #expect(writes.count == 7)
        #expect(reads.count == 5)
        #expect(writes.filter { $0.actor == "user:researcher" }.count == 4)

        let jobAccesses = (writes + reads).filter { $0.jobID != nil }
        #expect(jobAccesses.count == 8)
        let researcherID = try #require(writes.first { $0.actor == "user:researcher" }?.onBehalfOf)
        for event in jobAccesses {
            #expect(event.actor == "job:" + (event.jobID ?? ""))
            #expect(event.onBehalfOf == researcherID)
            #expect((event.bytes ?? 0) > 0)
        }

        let csv = try String(contentsOf: try #require(report.exports["csv"]), encoding: .utf8)
        // The CSV was exported after the JSON lines, so it also holds that export's own audit entry; plus a header.
        let records = csv.split(separator: "\r\n")
        #expect(records.count == events.count + 2)
        #expect(records.last?.contains(",audit.export,spine-ct/audit,success,") == true)
    }
}
