import HavenCore
import Testing

@Suite("Per-label segmentation metrics on hand-built maps")
struct SegmentationEvaluationTests {
    @Test func overlapMetricsMatchTheHandCalculatedConfusionMatrix() throws {
        // 2 x 2 x 2 grid; reference 1 at voxels 0, 1; prediction 1 at voxels 0, 2.
        // TP 1, FP 1, FN 1, TN 5: Dice 2/4, IoU 1/3, accuracy 6/8, precision 1/2, sensitivity 1/2,
        // specificity 5/6, AUC (1/2 + 5/6) / 2 = 2/3; kappa: observed 6/8, chance (2·2 + 6·6)/64 =
        // 40/64, (0.75 - 0.625) / 0.375 = 1/3.
        let grid = EvaluationFixtures.grid(2, 2, 2)
        let reference = LabelMap(labels: [1, 1, 0, 0, 0, 0, 0, 0], grid: grid)
        let prediction = LabelMap(labels: [1, 0, 1, 0, 0, 0, 0, 0], grid: grid)

        let label = try #require(
            SegmentationEvaluation.evaluate(reference: reference, prediction: prediction).labels.first)

        #expect(
            label.counts == ConfusionCounts(truePositives: 1, falsePositives: 1, falseNegatives: 1, trueNegatives: 5))
        let expected: [SegmentationMetric: Double] = [
            .dice: 0.5, .iou: 1.0 / 3, .accuracy: 0.75, .precision: 0.5, .sensitivity: 0.5,
            .specificity: 5.0 / 6, .auc: 2.0 / 3, .kappa: 1.0 / 3,
        ]
        for (metric, value) in expected {
            #expect(abs((label[metric] ?? -1) - value) < 1e-12, "\(metric)")
        }
    }

    @Test func surfaceDistancesMatchAHandCalculationOnARow() throws {
        // A 5 x 1 x 1 row at 2 mm: reference at x 0, 1; prediction at x 1, 2. Every voxel is on
        // the surface. Prediction -> reference: [0, 2] mm; reference -> prediction: [2, 0] mm.
        // HD 2; ASSD (0 + 2 + 2 + 0) / 4 = 1; directed 95th percentiles 0 + 0.95 · 2 = 1.9 each;
        // pooled [0, 0, 2, 2] at rank 2.85 -> 2; boundary F1 at 1 mm: precision 1/2, recall 1/2 -> 1/2.
        let grid = EvaluationFixtures.grid(5, 1, 1, spacing: [2, 1, 1])
        let reference = LabelMap(labels: [1, 1, 0, 0, 0], grid: grid)
        let prediction = LabelMap(labels: [0, 1, 1, 0, 0], grid: grid)

        let directed = try SegmentationEvaluation.evaluate(
            reference: reference, prediction: prediction,
            configuration: EvaluationConfiguration(boundaryToleranceMM: 1)
        ).labels[0]
        let pooled = try SegmentationEvaluation.evaluate(
            reference: reference, prediction: prediction,
            configuration: EvaluationConfiguration(boundaryToleranceMM: 1, hausdorffPercentile: .pooled)
        ).labels[0]

        #expect(directed[.hausdorff] == 2)
        #expect(abs((directed[.assd] ?? -1) - 1) < 1e-12)
        #expect(abs((directed[.hausdorff95] ?? -1) - 1.9) < 1e-12)
        #expect(abs((pooled[.hausdorff95] ?? -1) - 2) < 1e-12)
        #expect(abs((directed[.boundaryF1] ?? -1) - 0.5) < 1e-12)
    }

    @Test func concentricSpheresGiveTheSameHausdorffOnIsotropicAndAnisotropicGrids() throws {
        // Spheres of 10 mm and 14 mm around the same centre are 4 mm apart everywhere; voxelising
        // them moves each surface by at most half a voxel, so each grid's HD lies within one voxel
        // (its largest spacing) of 4 mm, and the two grids agree within one voxel.
        let isotropic = EvaluationFixtures.grid(41, 41, 41, spacing: [1, 1, 1])
        let anisotropic = EvaluationFixtures.grid(51, 51, 27, spacing: [0.8, 0.8, 1.5])

        let hd = try [isotropic, anisotropic].map { grid in
            let result = try SegmentationEvaluation.evaluate(
                reference: EvaluationFixtures.sphere(radius: 10, on: grid),
                prediction: EvaluationFixtures.sphere(radius: 14, on: grid))
            return try #require(result.labels[0][.hausdorff])
        }

        #expect(abs(hd[0] - 4) <= 1)
        #expect(abs(hd[1] - 4) <= 1.5)
        #expect(abs(hd[0] - hd[1]) <= 1.5)
    }

    @Test func aLabelMissingFromThePredictionGetsDiceZeroAndTheDeclaredPenalty() throws {
        let grid = EvaluationFixtures.grid(3, 3, 3)
        var labels = [UInt16](repeating: 0, count: 27)
        labels[13] = 2
        let reference = LabelMap(labels: labels, grid: grid)
        let prediction = LabelMap(labels: [UInt16](repeating: 0, count: 27), grid: grid)

        let evaluation = try SegmentationEvaluation.evaluate(
            reference: reference, prediction: prediction,
            configuration: EvaluationConfiguration(penalty: .fixed(75)))
        let aggregate = EvaluationAggregate(name: "model", cases: [evaluation])

        let label = try #require(evaluation.metrics(of: 2))
        #expect(label.outcome == .predictionEmpty)
        #expect(label[.dice] == 0)
        #expect(label[.hausdorff] == 75)
        #expect(label[.hausdorff95] == 75)
        #expect(label[.assd] == 75)
        #expect(label[.precision] == nil)
        #expect(aggregate.outcomes[.predictionEmpty] == 1)
        #expect(aggregate.labels[0].outcomes[.predictionEmpty] == 1)
    }

    @Test func theDefaultPenaltyIsTheGridDiagonal() throws {
        // 4 x 4 x 4 voxels at 1 x 1 x 2 mm: corner centres are 3, 3 and 6 mm apart per axis,
        // so the diagonal is √(9 + 9 + 36) = √54.
        let grid = EvaluationFixtures.grid(4, 4, 4, spacing: [1, 1, 2])
        var labels = [UInt16](repeating: 0, count: 64)
        labels[0] = 7
        let evaluation = try SegmentationEvaluation.evaluate(
            reference: LabelMap(labels: [UInt16](repeating: 0, count: 64), grid: grid),
            prediction: LabelMap(labels: labels, grid: grid))

        let label = try #require(evaluation.metrics(of: 7))
        #expect(label.outcome == .referenceEmpty)
        #expect(abs((label[.hausdorff] ?? -1) - 54.0.squareRoot()) < 1e-12)
        #expect(label[.sensitivity] == nil)
    }

    @Test func aLabelAbsentFromBothMapsIsNotApplicableAndCounted() throws {
        let grid = EvaluationFixtures.grid(2, 1, 1)
        let map = LabelMap(labels: [1, 0], grid: grid)

        let evaluation = try SegmentationEvaluation.evaluate(
            reference: map, prediction: map, configuration: EvaluationConfiguration(labels: [1, 9]))
        let aggregate = EvaluationAggregate(name: "model", cases: [evaluation])

        #expect(evaluation.labels[1].outcome == .bothEmpty)
        #expect(evaluation.labels[1].values.isEmpty)
        #expect(aggregate.outcomes[.bothEmpty] == 1)
        #expect(aggregate.labels[1].metrics[.dice]?.mean == nil)
        #expect(aggregate.labels[1].metrics[.dice]?.count == 0)
    }

    @Test func shapesThatDifferByOneSliceAreRefusedNamingTheAxis() {
        let reference = LabelMap(labels: [UInt16](repeating: 0, count: 1000), grid: EvaluationFixtures.grid(10, 10, 10))
        let prediction = LabelMap(labels: [UInt16](repeating: 0, count: 900), grid: EvaluationFixtures.grid(10, 10, 9))

        let error = #expect(throws: EvaluationError.self) {
            try SegmentationEvaluation.evaluate(reference: reference, prediction: prediction)
        }

        #expect(error?.code == .geometryMismatch)
        #expect(error?.differences == [GridDifference(field: .shape, axis: "z", reference: 10, prediction: 9)])
        #expect(error?.message.contains("shape z: reference 10.0, prediction 9.0") == true)
    }

    @Test func everyDifferingGridFieldIsListed() {
        let reference = EvaluationFixtures.grid(2, 2, 2)
        let prediction = VoxelGrid(
            shape: VolumeShape(x: 2, y: 2, z: 2), spacing: [1, 1.5, 1], origin: [0, 0, 4],
            direction: [[1, 0, 0], [0, 0, 1], [0, 1, 0]])

        let fields = reference.differences(from: prediction).map { "\($0.field.rawValue) \($0.axis)" }

        #expect(fields == ["spacing y", "origin z", "direction y", "direction y", "direction z", "direction z"])
    }

    @Test func differencesWithinTheToleranceAreAccepted() {
        let reference = EvaluationFixtures.grid(2, 2, 2)
        let prediction = VoxelGrid(
            shape: VolumeShape(x: 2, y: 2, z: 2), spacing: [1.000_001, 1, 1], origin: [0, 0, 1e-5])

        #expect(reference.differences(from: prediction).isEmpty)
    }
}
