import Foundation
import HavenCore

/// What the demo did, with how long each step took, and its printed summary.
public struct DemoReport: Sendable {
    /// One row of a Dice table.
    public struct DiceRow: Sendable, Equatable {
        public var label: Int
        public var dice: Double?
    }

    public var steps: [(name: String, seconds: Double)] = []
    public var created: [String] = []
    public var imported: [ObjectAPI.View] = []
    public var jobs: [JobAPI.View] = []
    public var diceFastVersusFull: [DiceRow] = []
    public var diceBaselineVersusVertebrae: [DiceRow] = []
    public var exports: [String: URL] = [:]

    /// Runs `body` and records how long it took under `name`.
    mutating func time<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        let value = try await body()
        let elapsed = ContinuousClock.now - start
        steps.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18))
        return value
    }

    /// The Dice rows of an evaluation job's result.
    static func diceRows(_ result: JSONValue?) -> [DiceRow] {
        guard case .array(let rows)? = result?["summary"]?["labels"] else { return [] }
        return rows.compactMap { row in
            guard let label = row["label"]?.doubleValue else { return nil }
            return DiceRow(label: Int(label), dice: row["dice"]?.doubleValue)
        }
    }

    /// The printed summary: what was created, the jobs, the Dice tables, the exports, and the step times.
    public var summary: String {
        var lines = ["", "Haven demo: summary", "", "Created: " + created.joined(separator: ", ")]
        lines.append("Imported: " + imported.map { "\($0.path) (\($0.size) bytes)" }.joined(separator: ", "))
        lines += ["", "Jobs:"]
        for job in jobs {
            lines.append(
                "  \(job.id)  \(job.kind.rawValue)  \(job.runtime)  \(job.state.rawValue) on \(job.device ?? "-")")
        }
        lines += ["", "Dice, fast model against full model, per vertebra present (TotalSegmentator v2 labels):"]
        lines += diceFastVersusFull.filter { $0.dice != nil }.map { row in
            "  \(row.label)".padding(toLength: 6, withPad: " ", startingAt: 0)
                + (VertebraLabels.name(row.label) ?? "").padding(toLength: 8, withPad: " ", startingAt: 0)
                + (row.dice.map { String(format: "%.3f", $0) } ?? "n/a")
        }
        let baseline = diceBaselineVersusVertebrae.first?.dice.map { String(format: "%.3f", $0) } ?? "n/a"
        lines += ["", "Dice, bone baseline against the union of vertebra labels 25-50: " + baseline]
        lines += ["", "Audit exports:"] + exports.sorted { $0.key < $1.key }.map { "  \($0.value.path)" }
        lines += ["", "Step times:"]
        lines += steps.map { "  " + String(format: "%6.2f s  ", $0.seconds) + $0.name }
        return lines.joined(separator: "\n")
    }
}
