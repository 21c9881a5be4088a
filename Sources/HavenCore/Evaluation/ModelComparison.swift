/// Per label and metric, whether two models' scores differ: Student's unpaired t-test, and a paired
/// t-test when both were run on the same cases.
public enum ModelComparison {
    /// Compares `first` with `second` for every label either evaluated and every metric.
    ///
    /// Cases pair by ``CaseEvaluation/caseID``; the paired test runs only when both sets hold the
    /// same case IDs.
    public static func compare(_ first: [CaseEvaluation], _ second: [CaseEvaluation]) -> [MetricComparison] {
        let paired = Set(first.map(\.caseID)) == Set(second.map(\.caseID)) && first.count == second.count
        let secondByCase = Dictionary(second.map { ($0.caseID, $0) }, uniquingKeysWith: { kept, _ in kept })
        let labels = Set((first + second).flatMap { $0.labels.map(\.label) }).sorted()

        var comparisons: [MetricComparison] = []
        for label in labels {
            for metric in SegmentationMetric.allCases {
                let a = first.compactMap { $0.metrics(of: label)?[metric] }
                let b = second.compactMap { $0.metrics(of: label)?[metric] }
                var differences: [Double] = []
                if paired {
                    for evaluation in first {
                        guard let x = evaluation.metrics(of: label)?[metric],
                            let y = secondByCase[evaluation.caseID]?.metrics(of: label)?[metric]
                        else { continue }
                        differences.append(x - y)
                    }
                }
                comparisons.append(
                    MetricComparison(
                        label: label, metric: metric, first: SampleSummary(a), second: SampleSummary(b),
                        unpairedP: unpairedP(a, b), pairedP: paired ? pairedP(differences) : nil,
                        pairCount: differences.count))
            }
        }
        return comparisons
    }

    /// Student's two-sample t-test with pooled variance, two-sided.
    static func unpairedP(_ a: [Double], _ b: [Double]) -> Double? {
        guard a.count > 1, b.count > 1 else { return nil }
        let na = Double(a.count)
        let nb = Double(b.count)
        let meanA = a.reduce(0, +) / na
        let meanB = b.reduce(0, +) / nb
        let squares =
            a.reduce(0) { $0 + ($1 - meanA) * ($1 - meanA) } + b.reduce(0) { $0 + ($1 - meanB) * ($1 - meanB) }
        let degrees = na + nb - 2
        let pooled = squares / degrees
        guard pooled > 0 else { return nil }
        let t = (meanA - meanB) / (pooled * (1 / na + 1 / nb)).squareRoot()
        return StudentT.twoSidedP(t, degrees: degrees)
    }

    /// The one-sample t-test of the paired differences against 0, two-sided.
    static func pairedP(_ differences: [Double]) -> Double? {
        let summary = SampleSummary(differences)
        guard let mean = summary.mean, let deviation = summary.standardDeviation, deviation > 0 else { return nil }
        let t = mean / (deviation / Double(differences.count).squareRoot())
        return StudentT.twoSidedP(t, degrees: Double(differences.count - 1))
    }
}
