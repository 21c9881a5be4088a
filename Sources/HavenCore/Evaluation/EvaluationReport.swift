/// Renders an ``EvaluationAggregate`` as JSON, CSV, a Markdown table laid out like a paper's
/// figure, and the pixels of a heat map.
///
/// Every rendering names the definitions it follows (Docs/metrics.md, the HD95 variant, the
/// surface rule, the boundary tolerance and the penalty).
public struct EvaluationReport: Sendable {
    public var aggregate: EvaluationAggregate
    /// The metrics shown, in column order.
    public var metrics: [SegmentationMetric]

    public init(aggregate: EvaluationAggregate, metrics: [SegmentationMetric] = SegmentationMetric.allCases) {
        self.aggregate = aggregate
        self.metrics = metrics
    }

    /// One line naming the definitions, shared by every rendering.
    public var definitions: String {
        let configuration = aggregate.configuration
        let penalty: String
        switch configuration.penalty {
        case .gridDiagonal: penalty = "grid diagonal"
        case .fixed(let value): penalty = "\(value) mm"
        }
        return "definitions: Docs/metrics.md; surface: 6-neighbour; HD95: "
            + configuration.hausdorffPercentile.rawValue + "; boundary F1 tolerance: "
            + "\(configuration.boundaryToleranceMM) mm; one-empty penalty: \(penalty)"
    }

    /// The outcome counts as `name=count` pairs in declaration order.
    func outcomeText(_ outcomes: [LabelOutcome: Int]) -> String {
        LabelOutcome.allCases.map { "\($0.rawValue)=\(outcomes[$0] ?? 0)" }.joined(separator: " ")
    }
}
