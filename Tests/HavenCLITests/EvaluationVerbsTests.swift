import Foundation
import HavenTestSupport
import Testing

/// `haven eval report` and the `haven model` verbs run as a user would run them, against `haven serve`.
@Suite(.timeLimit(.minutes(5))) struct EvaluationVerbsTests {
    @Test func aResearcherEvaluatesDownloadsTheReportAndRegistersAModel() async throws {
        let status = try await ServeTests.Server.serving("eval-cli") { url, adminToken in
            try await scenario(url: url, adminToken: adminToken)
        }
        #expect(status == 0)
    }

    private func scenario(url: String, adminToken: String) async throws {
        func haven(_ token: String, _ arguments: String...) async throws -> HavenProcess.Result {
            try await HavenProcess.run(arguments, environment: ["HAVEN_URL": url, "HAVEN_TOKEN": token])
        }
        for step in [
            ["project", "create", "spine-ct"], ["storage", "create", "spine-ct", "images"],
            ["pool", "create", "local"],
        ] {
            let result = try await HavenProcess.run(step, environment: ["HAVEN_URL": url, "HAVEN_TOKEN": adminToken])
            try #require(result.status == 0, "\(step): \(result.stderr)")
        }
        let created = try await haven(adminToken, "user", "create", "researcher")
        let token = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        _ = try await haven(adminToken, "project", "add-member", "spine-ct", "researcher", "researcher")
        for name in ["example_seg.nii.gz", "example_seg_fast.nii.gz"] {
            let file = Repository.samples.appending(path: name).path
            let put = try await haven(token, "data", "put", "spine-ct", file, "--as", "images/" + name)
            try #require(put.status == 0, "\(put.stderr)")
        }

        let submitted = try await haven(
            token, "job", "submit", "spine-ct", "--kind", "evaluate", "--runtime", "segmentation-metrics", "--pool",
            "local", "--inputs", "images/example_seg.nii.gz,images/example_seg_fast.nii.gz", "--parameters",
            "{\"labels\": [33]}", "--output", "json")
        let job = try #require(try JSONSerialization.jsonObject(with: Data(submitted.stdout.utf8)) as? [String: Any])
        let id = try #require(job["id"] as? String)
        try await waitForSuccess(id) { try await haven(token, "job", "show", id, "--output", "json") }

        // Label 33 by hand: |R| 70, |P| 74, |R∩P| 64 -> Dice 128 / 144 = 0.889 to three digits.
        let markdown = try await haven(token, "eval", "report", id)
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("| 33 | 0.889 |"))
        let csv = try await haven(token, "eval", "report", id, "--format", "csv")
        #expect(csv.stdout.contains("\n33,dice,1,0.8888888888888888"))
        let badFormat = try await haven(token, "eval", "report", id, "--format", "pdf")
        #expect(badFormat.status == 64)

        let registered = try await haven(
            token, "model", "register", "spine-ct", "spine-seg:1.0", "--runtime", "bone-threshold-baseline")
        #expect(registered.stdout.contains("Registered spine-seg:1.0 (candidate)."))
        let attached = try await haven(token, "model", "attach", "spine-ct", "spine-seg:1.0", id)
        #expect(attached.status == 0, "\(attached.stderr)")
        let listed = try await haven(token, "model", "list", "spine-ct")
        #expect(listed.stdout.contains("spine-seg:1.0  bone-threshold-baseline  candidate  1"))
        // Researchers may not promote: permission denied.
        let promoted = try await haven(token, "model", "promote", "spine-ct", "spine-seg:1.0")
        #expect(promoted.status == 77)
    }

    private func waitForSuccess(_ id: String, show: () async throws -> HavenProcess.Result) async throws {
        for _ in 0..<600 {
            let text = try await show().stdout
            let job = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            switch job?["state"] as? String {
            case "succeeded": return
            case "failed", "cancelled": throw TestFailure("job \(id) ended: \(text)")
            default: try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw TestFailure("job \(id) did not finish")
    }
}
