import Foundation
import HavenTestSupport
import Testing

@Suite(.timeLimit(.minutes(5))) struct DemoTests {
    /// The README's first command runs `haven demo`; a second run starts over and gives the same table.
    @Test func demoRunsTwiceWithTheIndependentDiceTable() async throws {
        let home = try Repository.temporaryFolder("demo-cli")
        let environment = ["HAVEN_HOME": home.path, "HAVEN_LOG_LEVEL": "warning"]
        for run in 1...2 {
            let result = try await HavenProcess.run(
                ["demo", "--samples", Repository.samples.path], environment: environment)
            #expect(result.status == 0, "run \(run): \(result.stderr)")
            // Independent values from issue 3, printed to three decimals.
            for row in ["30  L2      0.974", "31  L1      0.965", "32  T12     0.968", "33  T11     0.889"] {
                #expect(result.stdout.contains(row), "run \(run) lacks `\(row)`")
            }
            #expect(result.stdout.contains("spine-ct-audit.csv"))
        }
        try await Self.expectAuditExportVerifiesUntilAnEntryIsEdited(
            home.appending(path: "demo/exports/spine-ct-audit.jsonl"))
    }

    /// `haven audit verify FILE` accepts the demo's export as written and names the one entry edited in a copy.
    static func expectAuditExportVerifiesUntilAnEntryIsEdited(_ export: URL) async throws {
        let intact = try await HavenProcess.run(["audit", "verify", export.path])
        #expect(intact.status == 0, "\(intact.stderr)")
        #expect(intact.stdout.contains(" verifies: "))

        // The third successful entry, found by its JSON rather than by the code under test; its outcome changed.
        var lines = String(decoding: try Data(contentsOf: export), as: UTF8.self).split(separator: "\n").map(
            String.init)
        let entries = lines.indices.filter { lines[$0].contains(#""outcome":"success""#) }
        let index = try #require(entries.dropFirst(2).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[index].utf8)) as? [String: Any])
        let sequence = try #require(object["sequence"] as? Int)
        lines[index] = lines[index].replacingOccurrences(of: #""outcome":"success""#, with: #""outcome":"failed""#)
        let tampered = export.deletingLastPathComponent().appending(path: "tampered.jsonl")
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: tampered)

        let broken = try await HavenProcess.run(["audit", "verify", tampered.path])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("line \(index + 1), sequence \(sequence): entry \(sequence) does not match"))
    }
}
