/// Which of the four cases a label of one evaluated pair falls in; aggregates count each.
public enum LabelOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    /// The label is in both maps: every metric is computed.
    case bothPresent
    /// The label is in neither map: no metric applies and none is reported.
    case bothEmpty
    /// The label is only in the prediction, a false positive: Dice 0, distances at the penalty.
    case referenceEmpty
    /// The label is only in the reference, a miss: Dice 0, distances at the penalty.
    case predictionEmpty
}
