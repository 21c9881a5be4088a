/// A per-label segmentation metric; each one's formula is in Docs/metrics.md under its raw value.
public enum SegmentationMetric: String, Sendable, Codable, CaseIterable, Hashable {
    case dice
    case iou
    case accuracy
    case precision
    case sensitivity
    case specificity
    case boundaryF1
    case auc
    case kappa
    case hausdorff
    case hausdorff95
    case assd

    /// Whether the metric is a distance in millimetres (lower is better) rather than a ratio in
    /// 0...1 (higher is better; kappa may fall below 0).
    public var isDistance: Bool {
        switch self {
        case .hausdorff, .hausdorff95, .assd: true
        default: false
        }
    }

    /// The column title used in tables and CSV headers.
    public var title: String {
        switch self {
        case .dice: "Dice"
        case .iou: "IoU"
        case .accuracy: "Accuracy"
        case .precision: "Precision"
        case .sensitivity: "Sensitivity"
        case .specificity: "Specificity"
        case .boundaryF1: "BF1"
        case .auc: "AUC"
        case .kappa: "Kappa"
        case .hausdorff: "HD (mm)"
        case .hausdorff95: "HD95 (mm)"
        case .assd: "ASSD (mm)"
        }
    }
}
