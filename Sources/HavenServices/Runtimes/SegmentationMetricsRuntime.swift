import Foundation
import HavenCore
import NIfTI
import PNGImage

/// Scores predicted label maps against references with every metric of Docs/metrics.md and writes the report.
///
/// Inputs: pairs, one per case (reference, prediction, reference, prediction, ...). Parameters: `labels` (the
/// labels to report; every label present by default), `boundaryToleranceMM` (2 by default),
/// `hausdorffPercentile` (`max-of-directed`, the default, or `pooled`) and `penaltyMM` (the grid diagonal by
/// default). Outputs: `report.json`, `report.csv`, `report.md` and the heat map `report.png`.
struct SegmentationMetricsRuntime: SegmentationRuntime {
    let name = "segmentation-metrics"

    /// The metrics the job summary carries per label; the report files carry them all.
    static let summaryMetrics: [SegmentationMetric] = [.dice, .iou, .hausdorff95, .assd, .boundaryF1]

    /// The report files, in the order they are written and uploaded.
    static let reportFiles = ["report.json", "report.csv", "report.md", "report.png"]

    func run(
        inputs: [URL], parameters: [String: JSONValue], output: URL, progress: @Sendable (Double, String) -> Void
    ) throws -> RuntimeResult {
        guard !inputs.isEmpty, inputs.count.isMultiple(of: 2) else {
            throw RuntimeError(
                description: "\(name) takes pairs of label maps (reference, prediction, ...); the job named "
                    + "\(inputs.count) input(s), which is not a whole number of pairs")
        }
        let configuration = try Self.configuration(parameters)

        // Cases one after the other: each evaluation already spreads its labels over every core.
        let caseCount = inputs.count / 2
        var cases: [CaseEvaluation] = []
        for index in 0..<caseCount {
            progress(0.05 + 0.85 * Double(index) / Double(caseCount), "evaluating case \(index + 1) of \(caseCount)")
            cases.append(try evaluate(case: index, inputs[2 * index], inputs[2 * index + 1], configuration))
        }

        progress(0.92, "writing the report")
        let report = EvaluationReport(aggregate: EvaluationAggregate(name: name, cases: cases))
        try write(report, to: output)
        return RuntimeResult(files: Self.reportFiles, summary: Self.summary(report))
    }

    /// Reads and scores one pair; any refusal names the case and both files.
    private func evaluate(
        case index: Int, _ reference: URL, _ prediction: URL, _ configuration: EvaluationConfiguration
    ) throws -> CaseEvaluation {
        let caseID = "case-\(index + 1)"
        do {
            return try SegmentationEvaluation.evaluate(
                reference: try Self.labelMap(reference), prediction: try Self.labelMap(prediction), caseID: caseID,
                configuration: configuration)
        } catch {
            throw RuntimeError(
                description: "\(caseID) (reference \(reference.lastPathComponent), prediction "
                    + "\(prediction.lastPathComponent)): \(error)")
        }
    }

    private func write(_ report: EvaluationReport, to output: URL) throws {
        try Data(report.json().utf8).write(to: output.appending(path: "report.json"))
        try Data(report.csv().utf8).write(to: output.appending(path: "report.csv"))
        try Data(report.markdown().utf8).write(to: output.appending(path: "report.md"))
        let map = HeatMap(report: report)
        try PNGImage(width: map.width, height: map.height, rgb: map.rgb)
            .write(to: output.appending(path: "report.png").path)
    }

    /// A label map with its grid from the file's header; a scaled map is refused by the NIfTI reader.
    static func labelMap(_ file: URL) throws -> LabelMap {
        let image = try NIfTIImage.read(path: file.path)
        let dimensions = image.header.dimensions
        let shape = VolumeShape(x: dimensions[0], y: dimensions[1], z: dimensions[2])
        var grid = VoxelGrid(shape: shape, affine: image.header.affine)
        // The header's pixdim is the spacing the file declares, also when the affine carries none.
        grid.spacing = Array(image.header.spacing.prefix(3))
        return LabelMap(
            labels: try image.voxelsAsLabels(), grid: grid, scaleSlope: image.header.scaleSlope,
            scaleIntercept: image.header.scaleIntercept)
    }
}
