/// How one label of a prediction overlaps the same label of a reference.
public struct LabelOverlap: Sendable, Codable, Equatable {
    public var label: Int
    /// Voxels with this label in the reference.
    public var referenceVoxels: Int
    /// Voxels with this label in the prediction.
    public var predictionVoxels: Int
    /// Voxels with this label in both.
    public var intersection: Int
    /// 2 |R ∩ P| / (|R| + |P|); nil when the label is in neither map, so Dice does not apply (never
    /// NaN).
    public var dice: Double?

    public init(label: Int, referenceVoxels: Int, predictionVoxels: Int, intersection: Int, dice: Double?) {
        self.label = label
        self.referenceVoxels = referenceVoxels
        self.predictionVoxels = predictionVoxels
        self.intersection = intersection
        self.dice = dice
    }

    /// The overlap for `label` from its counts, with Dice computed from them.
    public init(label: Int, referenceVoxels: Int, predictionVoxels: Int, intersection: Int) {
        let total = referenceVoxels + predictionVoxels
        self.init(
            label: label, referenceVoxels: referenceVoxels, predictionVoxels: predictionVoxels,
            intersection: intersection, dice: total == 0 ? nil : 2 * Double(intersection) / Double(total))
    }
}
