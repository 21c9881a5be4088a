/// Every metric of one label of one evaluated pair, with the outcome that decided which apply.
public struct LabelMetrics: Sendable, Equatable, Codable {
    public var label: Int
    public var outcome: LabelOutcome
    public var counts: ConfusionCounts
    /// Surface voxels (Docs/metrics.md) of the label in the reference and in the prediction.
    public var referenceSurfaceVoxels: Int
    public var predictionSurfaceVoxels: Int
    /// The defined metrics; a metric missing here is undefined for this label (never NaN).
    public var values: [SegmentationMetric: Double]

    public init(
        label: Int, outcome: LabelOutcome, counts: ConfusionCounts, referenceSurfaceVoxels: Int,
        predictionSurfaceVoxels: Int, values: [SegmentationMetric: Double]
    ) {
        self.label = label
        self.outcome = outcome
        self.counts = counts
        self.referenceSurfaceVoxels = referenceSurfaceVoxels
        self.predictionSurfaceVoxels = predictionSurfaceVoxels
        self.values = values
    }

    /// The value of `metric`, or nil when it is undefined for this label.
    public subscript(metric: SegmentationMetric) -> Double? {
        values[metric]
    }
}
