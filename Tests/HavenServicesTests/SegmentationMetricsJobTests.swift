import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

/// A `segmentation-metrics` job run by a real server and a real job runner on the bundled sample case.
@Suite(.timeLimit(.minutes(5))) struct SegmentationMetricsJobTests {
    /// Dice of the fast model against the full model, printed by Tests/Scripts/reference_metrics.py (NumPy), as
    /// Tests/NIfTITests/ReferenceMetricValues.swift holds them; by hand 2|R∩P| / (|R| + |P|):
    /// 30: 2·1829/(1868+1888), 31: 2·2077/(2139+2167), 32: 2·1748/(1783+1829), 33: 2·64/(70+74).
    static let expectedDice: [Int: Double] = [
        30: 0.9739084132055378, 31: 0.9647004180213655, 32: 0.9678848283499446, 33: 0.8888888888888888,
    ]

    @Test func reportDiceMatchesSciPyAndTheHeatMapIsAPNGOfTheTableSize() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_seg.nii.gz", "example_seg_fast.nii.gz"], as: researcher)

        let submitted: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs", TestServer.fastVersusFull(labels: [30, 31, 32, 33]))
        let job = try await TestServer.finished(submitted, as: researcher)
        #expect(job.state == .succeeded, "\(job.message)")

        let prefix = "/v1/projects/spine-ct/objects/" + job.outputPrefix
        let json = try await researcher.data(prefix + "/report.json")
        let report = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(report["caseCount"] as? Int == 1)
        let labels = try #require(report["labels"] as? [[String: Any]])
        #expect(labels.compactMap { $0["label"] as? Int } == [30, 31, 32, 33])
        for row in labels {
            let label = try #require(row["label"] as? Int)
            let metrics = try #require(row["metrics"] as? [String: [String: Any]])
            let dice = try #require(metrics["dice"]?["mean"] as? Double)
            #expect(abs(dice - Self.expectedDice[label]!) < 1e-6, "label \(label)")
        }

        // 12 metric columns and 4 label rows plus a gap row and a colour bar row, 16 pixels a cell.
        let png = try await researcher.data(prefix + "/report.png")
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(String(decoding: png[12..<16], as: UTF8.self) == "IHDR")
        #expect(Self.bigEndian(png[16..<20]) == 12 * 16)
        #expect(Self.bigEndian(png[20..<24]) == (4 + 2) * 16)

        let markdown = String(decoding: try await researcher.data(prefix + "/report.md"), as: UTF8.self)
        #expect(markdown.contains("| 33 | 0.889 |"))
        let csv = String(decoding: try await researcher.data(prefix + "/report.csv"), as: UTF8.self)
        #expect(csv.contains("\n30,dice,1,"))

        // The job summary carries the per-label means.
        guard case .array(let rows)? = job.result?["summary"]?["labels"] else {
            Issue.record("the job result has no per-label summary: \(String(describing: job.result))")
            return
        }
        let summaryDice = rows.compactMap { $0["dice"]?.doubleValue }
        #expect(summaryDice.count == 4)
        #expect(abs(summaryDice[3] - Self.expectedDice[33]!) < 1e-6)
    }

    @Test func pairsOnDifferentGridsFailTheJobNamingEachDifferingField() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_seg.nii.gz", "example_seg_dicom.nii.gz"], as: researcher)

        let submitted: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .evaluate, runtime: "segmentation-metrics", pool: "local",
                inputs: ["images/example_seg.nii.gz", "images/example_seg_dicom.nii.gz"]))
        let job = try await TestServer.finished(submitted, as: researcher)

        // The headers differ in every field: 122 x 101 x 30 at 3 mm against 512 x 512 x 20 at 0.98 x 0.98 x 2 mm,
        // with other origins and a flipped x axis.
        #expect(job.state == .failed)
        #expect(job.message.contains("geometryMismatch"))
        for field in ["shape", "spacing", "origin", "direction"] {
            #expect(job.message.contains(field), "\(field) in \(job.message)")
        }
    }

    @Test func anOddNumberOfInputsFailsTheJob() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_seg.nii.gz"], as: researcher)

        let submitted: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .evaluate, runtime: "segmentation-metrics", pool: "local", inputs: ["images/example_seg.nii.gz"]))
        let job = try await TestServer.finished(submitted, as: researcher)

        #expect(job.state == .failed)
        #expect(job.message.contains("not a whole number of pairs"))
    }

    static func bigEndian(_ bytes: Data) -> Int {
        bytes.reduce(0) { $0 << 8 | Int($1) }
    }
}
