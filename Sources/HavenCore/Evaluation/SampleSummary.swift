/// Mean, standard deviation and 95% confidence interval of the defined values of one metric.
public struct SampleSummary: Sendable, Equatable, Codable {
    /// Values the summary was computed from (undefined values are not among them).
    public var count: Int
    /// Nil when there were no values: a mean over zero cases is undefined, not 0.
    public var mean: Double?
    /// The sample standard deviation (divisor n - 1); nil below two values.
    public var standardDeviation: Double?
    /// mean ± t(0.975, n - 1) · sd / √n; nil below two values.
    public var confidenceLower: Double?
    public var confidenceUpper: Double?

    /// Summarises `values`.
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else { return }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        self.mean = mean
        guard values.count > 1 else { return }

        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let deviation = variance.squareRoot()
        let halfWidth = StudentT.quantile(0.975, degrees: n - 1) * deviation / n.squareRoot()
        standardDeviation = deviation
        confidenceLower = mean - halfWidth
        confidenceUpper = mean + halfWidth
    }
}
