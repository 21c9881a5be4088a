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
    }
}
