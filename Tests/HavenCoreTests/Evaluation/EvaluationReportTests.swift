import HavenCore
import Testing

@Suite("Evaluation reports")
struct EvaluationReportTests {
    /// Two cases of one label: Dice 0.5 and 1.0 (hand-built pairs on a 2 x 1 x 1 grid).
    func report() throws -> EvaluationReport {
        let grid = VoxelGrid(shape: VolumeShape(x: 2, y: 1, z: 1), spacing: [1, 1, 1])
        let half = try SegmentationEvaluation.evaluate(
            reference: LabelMap(labels: [1, 1], grid: grid), prediction: LabelMap(labels: [1, 0], grid: grid),
            caseID: "a")
        // Dice 2·1 / (2 + 1) = 2/3 for case a.
        let whole = try SegmentationEvaluation.evaluate(
            reference: LabelMap(labels: [1, 0], grid: grid), prediction: LabelMap(labels: [1, 0], grid: grid),
            caseID: "b")
        return EvaluationReport(
            aggregate: EvaluationAggregate(name: "model", cases: [half, whole]), metrics: [.dice, .hausdorff95])
    }

    @Test func theMarkdownTableHasLabelRowsMeanAndSDColumnsAndAverageRows() throws {
        // Dice of case a 2/3, case b 1: mean 0.8333, SD √((1/6)² · 2) = 0.2357.
        let lines = try report().markdown().split(separator: "\n").map(String.init)

        #expect(lines[0].contains("HD95: maxOfDirected"))
        #expect(lines[1] == "| Label | Dice mean | Dice SD | HD95 (mm) mean | HD95 (mm) SD |")
        #expect(lines[3].hasPrefix("| 1 | 0.833 | 0.236 |"))
        #expect(lines[4].hasPrefix("| Average | 0.833 |"))
        #expect(lines[5].hasPrefix("| SD | n/a |"))
    }

    @Test func csvAndJSONNameTheDefinitionsAndWriteUndefinedAsEmptyOrNull() throws {
        let report = try report()

        #expect(report.csv().hasPrefix("# definitions: Docs/metrics.md"))
        #expect(report.csv().contains("all,dice,1,0.8333333333333333,,,"))
        #expect(report.json().contains("\"hausdorff95\": \"maxOfDirected\""))
        #expect(report.json().contains("\"sd\": null"))
    }

    @Test func theHeatMapHasOneCellPerLabelAndMetricAndAColourBar() throws {
        let map = HeatMap(report: try report(), cellSize: 4)

        // 2 metric columns of 4 px; 1 label row, a gap row and the bar row of 4 px each.
        #expect(map.width == 8)
        #expect(map.height == 12)
        #expect(map.rgb.count == 8 * 12 * 3)
        // The bar's right end is the best colour, (253, 231, 37).
        let last = (11 * 8 + 7) * 3
        #expect(Array(map.rgb[last..<(last + 3)]) == [253, 231, 37])
    }
}
