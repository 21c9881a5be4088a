import Dispatch

/// Per-label overlap and surface-distance metrics of a predicted label map against a reference on
/// the same grid; the definitions are in Docs/metrics.md.
public enum SegmentationEvaluation {
    /// Checks the pair, then measures every requested label: one pass over both maps for the
    /// counts and boxes, then each label's surfaces and exact distance transforms on its own box,
    /// labels spread over the cores.
    ///
    /// Memory beyond the two maps is a few histograms plus, per core, about 18 bytes per voxel of
    /// the label box being measured.
    ///
    /// - Throws: ``EvaluationError`` with `scaledLabels` when a map's scaling would alter its
    ///   integers, `voxelCountMismatch` when a map does not fill its grid, `geometryMismatch`
    ///   listing each differing grid field, `invalidParameter` for a negative tolerance or penalty.
    public static func evaluate(
        reference: LabelMap, prediction: LabelMap, caseID: String = "case",
        configuration: EvaluationConfiguration = EvaluationConfiguration()
    ) throws -> CaseEvaluation {
        try check(reference: reference, prediction: prediction, configuration: configuration)

        let grid = reference.grid
        let census = LabelCensus(reference: reference.labels, prediction: prediction.labels, shape: grid.shape)
        let requested =
            configuration.labels
            ?? (1..<LabelCensus.bins).filter { census.referenceCount[$0] > 0 || census.predictionCount[$0] > 0 }
        let penalty = configuration.penalty.millimetres(on: grid)

        // Surfaces of every requested label present in both maps, one pass over each map.
        var wanted = [Bool](repeating: false, count: LabelCensus.bins)
        for label in requested where census.referenceCount[label] > 0 && census.predictionCount[label] > 0 {
            wanted[label] = true
        }
        let surfaces = (
            reference: SurfaceCensus(labels: reference.labels, shape: grid.shape, wanted: wanted),
            prediction: SurfaceCensus(labels: prediction.labels, shape: grid.shape, wanted: wanted)
        )

        var results = [LabelMetrics?](repeating: nil, count: requested.count)
        results.withUnsafeMutableBufferPointer { slots in
            let shared = SharedBuffer(slots)
            // One label per iteration keeps both cores busy when there are many labels; a
            // single label instead splits its distance transforms over the cores.
            DispatchQueue.concurrentPerform(iterations: requested.count) { item in
                let slots = shared.pointer
                slots[item] = measure(
                    label: requested[item], census: census, surfaces: surfaces, grid: grid,
                    configuration: configuration, penalty: penalty, parallel: requested.count == 1)
            }
        }

        return CaseEvaluation(
            caseID: caseID, grid: grid, configuration: configuration, penaltyMM: penalty,
            labels: results.map { $0! })
    }

    private static func check(
        reference: LabelMap, prediction: LabelMap, configuration: EvaluationConfiguration
    ) throws {
        for (role, map) in [("reference", reference), ("prediction", prediction)] {
            guard !map.scalingAltersLabels else {
                throw EvaluationError(
                    .scaledLabels,
                    message: "the \(role) declares scaling (slope \(map.scaleSlope), intercept "
                        + "\(map.scaleIntercept)) that would change its labels; store label maps unscaled")
            }
            guard map.labels.count == map.grid.shape.count else {
                throw EvaluationError(
                    .voxelCountMismatch,
                    message: "the \(role) holds \(map.labels.count) labels for a grid of "
                        + "\(map.grid.shape.count) voxels; pass one label per voxel")
            }
        }

        let differences = reference.grid.differences(from: prediction.grid, tolerance: configuration.gridTolerance)
        guard differences.isEmpty else {
            throw EvaluationError(
                .geometryMismatch,
                message: "the prediction is not on the reference grid ("
                    + differences.map(\.description).joined(separator: "; ")
                    + "); resample the prediction onto the reference grid",
                differences: differences)
        }

        guard configuration.boundaryToleranceMM >= 0, configuration.penalty.millimetres(on: reference.grid) >= 0
        else {
            throw EvaluationError(
                .invalidParameter,
                message: "the boundary tolerance and the distance penalty must be 0 mm or more")
        }
        if let labels = configuration.labels, let bad = labels.first(where: { !(0...Int(UInt16.max)).contains($0) }) {
            throw EvaluationError(
                .invalidParameter, message: "label \(bad) is outside 0...65535; ask for stored labels")
        }
    }

    /// Every metric of one label, or the outcome that says which do not apply.
    private static func measure(
        label: Int, census: LabelCensus, surfaces: (reference: SurfaceCensus, prediction: SurfaceCensus),
        grid: VoxelGrid, configuration: EvaluationConfiguration, penalty: Double, parallel: Bool
    ) -> LabelMetrics {
        let inReference = census.referenceCount[label]
        let inPrediction = census.predictionCount[label]
        let inBoth = census.intersection[label]
        let counts = ConfusionCounts(
            truePositives: inBoth, falsePositives: inPrediction - inBoth, falseNegatives: inReference - inBoth,
            trueNegatives: grid.shape.count - inReference - inPrediction + inBoth)
        var values = counts.overlapMetrics()

        switch (inReference > 0, inPrediction > 0) {
        case (false, false):
            return LabelMetrics(
                label: label, outcome: .bothEmpty, counts: counts, referenceSurfaceVoxels: 0,
                predictionSurfaceVoxels: 0, values: [:])
        case (true, false), (false, true):
            for metric in [SegmentationMetric.hausdorff, .hausdorff95, .assd] {
                values[metric] = penalty
            }
            values[.boundaryF1] = 0
            return LabelMetrics(
                label: label, outcome: inReference > 0 ? .predictionEmpty : .referenceEmpty, counts: counts,
                referenceSurfaceVoxels: 0, predictionSurfaceVoxels: 0, values: values)
        case (true, true):
            break
        }

        let distances = DirectedDistances(
            shape: grid.shape, spacing: SIMD3(grid.spacing[0], grid.spacing[1], grid.spacing[2]))
        let referenceSurface = surfaces.reference.surfaces[label]
        let predictionSurface = surfaces.prediction.surfaces[label]
        let forward = distances(from: predictionSurface, to: referenceSurface, parallel: parallel)
        let backward = distances(from: referenceSurface, to: predictionSurface, parallel: parallel)
        values.merge(
            SurfaceMetrics.values(
                predictionToReference: forward, referenceToPrediction: backward, configuration: configuration)
        ) { _, new in new }

        return LabelMetrics(
            label: label, outcome: .bothPresent, counts: counts,
            referenceSurfaceVoxels: backward.count, predictionSurfaceVoxels: forward.count, values: values)
    }
}
