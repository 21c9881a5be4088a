/// How the 95th-percentile Hausdorff distance combines the two directed surface distance sets.
///
/// Public tools disagree by millimetres on HD95 because of this choice alone, so every report
/// names the one it used.
public enum HausdorffPercentileDefinition: String, Sendable, Codable, CaseIterable {
    /// The larger of the two directed 95th percentiles (prediction to reference, reference to
    /// prediction), as MONAI computes it; the default.
    case maxOfDirected
    /// The 95th percentile of both directed sets pooled into one, as MedPy computes it.
    case pooled
}
