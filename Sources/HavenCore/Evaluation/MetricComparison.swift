/// Two models compared on one label and one metric.
public struct MetricComparison: Sendable, Equatable, Codable {
    public var label: Int
    public var metric: SegmentationMetric
    public var first: SampleSummary
    public var second: SampleSummary
    /// Two-sided p-value of Student's unpaired t-test with pooled variance; nil when either side
    /// has fewer than two values or both have no spread.
    public var unpairedP: Double?
    /// Two-sided p-value of the paired t-test over cases defined in both; nil when the cases are not
    /// the same, fewer than two pairs exist, or the differences have no spread.
    public var pairedP: Double?
    /// Pairs the paired test used.
    public var pairCount: Int

    public init(
        label: Int, metric: SegmentationMetric, first: SampleSummary, second: SampleSummary, unpairedP: Double?,
        pairedP: Double?, pairCount: Int
    ) {
        self.label = label
        self.metric = metric
        self.first = first
        self.second = second
        self.unpairedP = unpairedP
        self.pairedP = pairedP
        self.pairCount = pairCount
    }
}
