/// One label summarised over many cases: how often each outcome occurred and each metric's summary.
public struct LabelAggregate: Sendable, Equatable, Codable {
    public var label: Int
    /// Cases per outcome; every outcome is present, with 0 when it never occurred.
    public var outcomes: [LabelOutcome: Int]
    public var metrics: [SegmentationMetric: SampleSummary]

    public init(label: Int, outcomes: [LabelOutcome: Int], metrics: [SegmentationMetric: SampleSummary]) {
        self.label = label
        self.outcomes = outcomes
        self.metrics = metrics
    }
}
