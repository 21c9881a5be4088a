/// The choices an evaluation makes, with documented defaults; reports repeat them.
public struct EvaluationConfiguration: Sendable, Equatable, Codable {
    /// The labels to evaluate, in report order; nil means every label above 0 present in either map.
    public var labels: [Int]?
    /// Boundary F1 counts a surface voxel as matched when the other surface lies within this many
    /// millimetres.
    public var boundaryToleranceMM: Double
    /// Which HD95 to report.
    public var hausdorffPercentile: HausdorffPercentileDefinition
    /// The distance a label empty in exactly one map gets for HD, HD95 and ASSD.
    public var penalty: DistancePenalty
    /// How far the two grids may differ.
    public var gridTolerance: GridTolerance

    public init(
        labels: [Int]? = nil, boundaryToleranceMM: Double = 2.0,
        hausdorffPercentile: HausdorffPercentileDefinition = .maxOfDirected,
        penalty: DistancePenalty = .gridDiagonal, gridTolerance: GridTolerance = GridTolerance()
    ) {
        self.labels = labels
        self.boundaryToleranceMM = boundaryToleranceMM
        self.hausdorffPercentile = hausdorffPercentile
        self.penalty = penalty
        self.gridTolerance = gridTolerance
    }
}
