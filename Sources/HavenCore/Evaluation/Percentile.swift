/// Percentiles by linear interpolation between order statistics, the rule NumPy's `percentile`
/// uses by default.
enum Percentile {
    /// The `percent`th percentile of `values`: with the values sorted, the point at rank
    /// `(n - 1) * percent / 100`, interpolated between its neighbours; nil for no values.
    static func of(_ values: [Double], percent: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = Double(sorted.count - 1) * percent / 100
        let below = Int(rank.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = rank - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }
}
