import HavenCore
import NIfTI
import Testing

// The fast model's labels scored against the full model's on the real sample case, compared with
// values printed by Tests/Scripts/reference_metrics.py (NumPy and SciPy, whole grid, no boxes).
@Suite("Segmentation metrics on the sample case against SciPy")
struct RealCaseMetricsTests {
    static let labels = [30, 31, 32, 33]
    static let overlapMetrics: [SegmentationMetric] = [
        .dice, .iou, .accuracy, .precision, .sensitivity, .specificity, .auc, .kappa, .boundaryF1,
    ]

    func pair(spacing: [Double]? = nil) throws -> (LabelMap, LabelMap) {
        let full = try NIfTIImage.read(path: SampleFiles.segmentation)
        let fast = try NIfTIImage.read(path: SampleFiles.segmentationFast)
        let dimensions = full.header.dimensions
        let shape = VolumeShape(x: dimensions[0], y: dimensions[1], z: dimensions[2])
        var grid = VoxelGrid(shape: shape, affine: full.header.affine)
        grid.spacing = spacing ?? Array(full.header.spacing.prefix(3))
        return (
            LabelMap(labels: try full.voxelsAsLabels(), grid: grid),
            LabelMap(labels: try fast.voxelsAsLabels(), grid: grid)
        )
    }

    func expectAgreement(
        _ evaluation: CaseEvaluation, with expected: [Int: [String: Double]], hd95Key: String
    ) throws {
        for label in Self.labels {
            let measured = try #require(evaluation.metrics(of: label))
            let reference = try #require(expected[label])
            #expect(measured.outcome == .bothPresent)
            #expect(Double(measured.referenceSurfaceVoxels) == reference["surfaceReference"])
            #expect(Double(measured.predictionSurfaceVoxels) == reference["surfacePrediction"])
            for metric in Self.overlapMetrics {
                let value = try #require(measured[metric])
                #expect(abs(value - reference[metric.rawValue]!) < 1e-6, "label \(label) \(metric)")
            }
            let distances: [(SegmentationMetric, String)] = [
                (.hausdorff, "hausdorff"), (.hausdorff95, hd95Key), (.assd, "assd"),
            ]
            for (metric, key) in distances {
                let value = try #require(measured[metric])
                #expect(abs(value - reference[key]!) < 0.01, "label \(label) \(metric)")
            }
        }
    }

    @Test func everyMetricMatchesSciPyOnTheRealThreeMillimetreGrid() throws {
        let (reference, prediction) = try pair()

        let evaluation = try SegmentationEvaluation.evaluate(
            reference: reference, prediction: prediction,
            configuration: EvaluationConfiguration(labels: Self.labels, boundaryToleranceMM: 2))

        try expectAgreement(
            evaluation, with: ReferenceMetricValues.expectedIsotropic, hd95Key: "hausdorff95_maxOfDirected")
    }

    @Test func distancesMatchSciPyWhenTheSameShapesSitOnAnAnisotropicGrid() throws {
        let (reference, prediction) = try pair(spacing: [0.8, 1.1, 2.5])

        let evaluation = try SegmentationEvaluation.evaluate(
            reference: reference, prediction: prediction,
            configuration: EvaluationConfiguration(labels: Self.labels, boundaryToleranceMM: 2))

        try expectAgreement(
            evaluation, with: ReferenceMetricValues.expectedAnisotropic, hd95Key: "hausdorff95_maxOfDirected")
    }

    @Test func thePooledHD95MatchesSciPyWhenAskedForByName() throws {
        let (reference, prediction) = try pair(spacing: [0.8, 1.1, 2.5])

        let evaluation = try SegmentationEvaluation.evaluate(
            reference: reference, prediction: prediction,
            configuration: EvaluationConfiguration(
                labels: Self.labels, boundaryToleranceMM: 2, hausdorffPercentile: .pooled))

        try expectAgreement(
            evaluation, with: ReferenceMetricValues.expectedAnisotropic, hd95Key: "hausdorff95_pooled")
    }

    @Test func aScaledLabelMapIsRefusedBeforeAnyVoxelIsCompared() throws {
        let (reference, prediction) = try pair()
        var scaled = prediction
        scaled.scaleSlope = 2

        let error = #expect(throws: EvaluationError.self) {
            try SegmentationEvaluation.evaluate(reference: reference, prediction: scaled)
        }
        #expect(error?.code == .scaledLabels)
    }
}
