/// Metrics summarised over cases for each label, and over labels.
public struct EvaluationAggregate: Sendable, Equatable, Codable {
    /// The model or run the cases belong to.
    public var name: String
    public var caseCount: Int
    public var labels: [LabelAggregate]
    /// Per metric, the summary of the per-label means (each label counts once, whatever its case
    /// count); labels whose mean is undefined are left out.
    public var overLabels: [SegmentationMetric: SampleSummary]
    /// Outcomes summed over every label and case.
    public var outcomes: [LabelOutcome: Int]
    /// The definitions the values follow, from the first case.
    public var configuration: EvaluationConfiguration

    /// Summarises `cases`, label by label, in the label order of the first case (labels seen only in
    /// later cases follow, ascending).
    public init(name: String, cases: [CaseEvaluation]) {
        self.name = name
        caseCount = cases.count
        configuration = cases.first?.configuration ?? EvaluationConfiguration()

        var order: [Int] = cases.first?.labels.map(\.label) ?? []
        let later = Set(cases.flatMap { $0.labels.map(\.label) }).subtracting(order).sorted()
        order += later

        labels = order.map { label in
            let rows = cases.compactMap { $0.metrics(of: label) }
            var outcomes = Dictionary(uniqueKeysWithValues: LabelOutcome.allCases.map { ($0, 0) })
            for row in rows {
                outcomes[row.outcome, default: 0] += 1
            }
            var metrics: [SegmentationMetric: SampleSummary] = [:]
            for metric in SegmentationMetric.allCases {
                metrics[metric] = SampleSummary(rows.compactMap { $0[metric] })
            }
            return LabelAggregate(label: label, outcomes: outcomes, metrics: metrics)
        }

        var overLabels: [SegmentationMetric: SampleSummary] = [:]
        for metric in SegmentationMetric.allCases {
            overLabels[metric] = SampleSummary(labels.compactMap { $0.metrics[metric]?.mean })
        }
        self.overLabels = overLabels

        var outcomes = Dictionary(uniqueKeysWithValues: LabelOutcome.allCases.map { ($0, 0) })
        for label in labels {
            for (outcome, count) in label.outcomes {
                outcomes[outcome, default: 0] += count
            }
        }
        self.outcomes = outcomes
    }
}
