import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct PACSVerbsTests {
    @Test func pullWithoutAPurposeIsAUsageErrorThatSaysWhy() async throws {
        let result = try await HavenProcess.run(["pacs", "pull", "spine-ct", "--study", "1.2.3"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("missing --purpose TEXT"))
        #expect(result.stdout.isEmpty)
    }

    @Test func importOfAMissingFileIsBadInputNamingIt() async throws {
        let result = try await HavenProcess.run(["dicom", "import", "spine-ct", "/nonexistent/slice.dcm"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("`/nonexistent/slice.dcm` does not exist"))
    }

    @Test func pacsAddressThatIsNotHTTPIsAUsageErrorNamingTheVariable() async throws {
        let result = try await HavenProcess.run(
            ["pacs", "search", "spine-ct"], environment: ["HAVEN_PACS_URL": "ftp://pacs.example/dicom-web"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("HAVEN_PACS_URL is not an http(s) URL"))
    }

    @Test func policyWithAnUnknownDateRuleIsAUsageError() async throws {
        let result = try await HavenProcess.run(["dicom", "policy", "spine-ct", "--dates", "blur"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--dates is `blur`; use keep or shift"))
    }
}
