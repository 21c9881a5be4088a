/// The voxel confusion matrix of one label: the label against everything else on the grid.
public struct ConfusionCounts: Sendable, Equatable, Codable {
    public var truePositives: Int
    public var falsePositives: Int
    public var falseNegatives: Int
    public var trueNegatives: Int

    public init(truePositives: Int, falsePositives: Int, falseNegatives: Int, trueNegatives: Int) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// Voxels with the label in the reference.
    public var referenceVoxels: Int { truePositives + falseNegatives }
    /// Voxels with the label in the prediction.
    public var predictionVoxels: Int { truePositives + falsePositives }
    public var total: Int { truePositives + falsePositives + falseNegatives + trueNegatives }

    /// The overlap metrics of Docs/metrics.md; a ratio whose denominator is 0 is left out (undefined).
    func overlapMetrics() -> [SegmentationMetric: Double] {
        let tp = Double(truePositives)
        let fp = Double(falsePositives)
        let fn = Double(falseNegatives)
        let tn = Double(trueNegatives)
        let n = tp + fp + fn + tn
        var values: [SegmentationMetric: Double] = [:]

        values[.dice] = Self.ratio(2 * tp, 2 * tp + fp + fn)
        values[.iou] = Self.ratio(tp, tp + fp + fn)
        values[.accuracy] = Self.ratio(tp + tn, n)
        values[.precision] = Self.ratio(tp, tp + fp)
        values[.sensitivity] = Self.ratio(tp, tp + fn)
        values[.specificity] = Self.ratio(tn, tn + fp)

        // A hard mask is one operating point, so its ROC curve is two straight segments and the
        // area under it is the mean of sensitivity and specificity.
        if let sensitivity = values[.sensitivity], let specificity = values[.specificity] {
            values[.auc] = (sensitivity + specificity) / 2
        }

        // Expected chance agreement from the marginals of the 2 x 2 table.
        if n > 0 {
            let observed = (tp + tn) / n
            let chance = ((tp + fp) * (tp + fn) + (tn + fn) * (tn + fp)) / (n * n)
            values[.kappa] = chance < 1 ? (observed - chance) / (1 - chance) : nil
        }
        return values
    }

    private static func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
        denominator > 0 ? numerator / denominator : nil
    }
}
