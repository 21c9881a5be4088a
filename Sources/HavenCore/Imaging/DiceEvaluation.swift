/// Per-label Dice between a reference and a predicted label map on the same grid.
public enum DiceEvaluation {
    /// The overlap of every requested label, counted in one pass over both maps.
    ///
    /// The pass fills three histograms indexed by label (reference, prediction, agreement), so the
    /// cost is one read of each map whatever the number of labels.
    ///
    /// - Parameters:
    ///   - reference: The trusted label map; the count must equal `prediction.count`.
    ///   - prediction: The label map to score, on the same grid and voxel order.
    ///   - labels: The labels to report, in this order; nil reports every label above 0 present in
    ///     either map, ascending. A requested label absent from both maps gets a nil Dice.
    public static func perLabel(reference: [UInt16], prediction: [UInt16], labels: [Int]? = nil) -> [LabelOverlap] {
        precondition(reference.count == prediction.count, "reference and prediction must have one label per voxel")

        let bins = Int(UInt16.max) + 1
        var inReference = [Int](repeating: 0, count: bins)
        var inPrediction = [Int](repeating: 0, count: bins)
        var inBoth = [Int](repeating: 0, count: bins)
        for index in reference.indices {
            let truth = Int(reference[index])
            let guess = Int(prediction[index])
            inReference[truth] += 1
            inPrediction[guess] += 1
            if truth == guess {
                inBoth[truth] += 1
            }
        }

        let reported = labels ?? (1..<bins).filter { inReference[$0] > 0 || inPrediction[$0] > 0 }
        return reported.map { label in
            guard (0..<bins).contains(label) else {
                return LabelOverlap(label: label, referenceVoxels: 0, predictionVoxels: 0, intersection: 0)
            }
            return LabelOverlap(
                label: label, referenceVoxels: inReference[label], predictionVoxels: inPrediction[label],
                intersection: inBoth[label])
        }
    }

    /// A map that is `value` wherever `labels` holds a label from `mapping`, and 0 everywhere else.
    ///
    /// Use it to score a structure that one map labels as several parts, such as the union of the
    /// vertebrae 25...50 against a single bone mask. Labels outside `mapping` become 0 rather than
    /// staying, so that they can never collide with `value`.
    public static func merge(_ labels: [UInt16], mapping: Set<Int>, to value: UInt16) -> [UInt16] {
        var selected = [Bool](repeating: false, count: Int(UInt16.max) + 1)
        for label in mapping where (0...Int(UInt16.max)).contains(label) {
            selected[label] = true
        }
        return labels.map { selected[Int($0)] ? value : 0 }
    }
}
