/// The surface metrics of Docs/metrics.md from the two directed sets of surface distances.
enum SurfaceMetrics {
    /// HD, HD95 (by the configured definition), ASSD and boundary F1; both sets must be non-empty.
    static func values(
        predictionToReference: [Double], referenceToPrediction: [Double], configuration: EvaluationConfiguration
    ) -> [SegmentationMetric: Double] {
        let forward = predictionToReference
        let backward = referenceToPrediction
        var values: [SegmentationMetric: Double] = [:]

        values[.hausdorff] = max(forward.max() ?? 0, backward.max() ?? 0)

        switch configuration.hausdorffPercentile {
        case .maxOfDirected:
            values[.hausdorff95] = max(
                Percentile.of(forward, percent: 95) ?? 0, Percentile.of(backward, percent: 95) ?? 0)
        case .pooled:
            values[.hausdorff95] = Percentile.of(forward + backward, percent: 95)
        }

        let total = forward.count + backward.count
        values[.assd] = (forward.reduce(0, +) + backward.reduce(0, +)) / Double(total)

        // Boundary precision: prediction surface near the reference; boundary recall: the reverse.
        let tolerance = configuration.boundaryToleranceMM
        let precision = Double(forward.count { $0 <= tolerance }) / Double(forward.count)
        let recall = Double(backward.count { $0 <= tolerance }) / Double(backward.count)
        values[.boundaryF1] = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0

        return values
    }
}
