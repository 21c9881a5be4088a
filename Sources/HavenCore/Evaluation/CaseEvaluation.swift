/// The metrics of every evaluated label of one case (one reference and prediction pair).
public struct CaseEvaluation: Sendable, Equatable, Codable {
    /// The caller's name for the case, used to pair cases between two models.
    public var caseID: String
    public var grid: VoxelGrid
    public var configuration: EvaluationConfiguration
    /// The penalty in millimetres that one-empty labels received on this grid.
    public var penaltyMM: Double
    /// One entry per evaluated label, in the configuration's order (or ascending).
    public var labels: [LabelMetrics]

    public init(
        caseID: String, grid: VoxelGrid, configuration: EvaluationConfiguration, penaltyMM: Double,
        labels: [LabelMetrics]
    ) {
        self.caseID = caseID
        self.grid = grid
        self.configuration = configuration
        self.penaltyMM = penaltyMM
        self.labels = labels
    }

    /// The metrics of `label`, or nil when it was not evaluated.
    public func metrics(of label: Int) -> LabelMetrics? {
        labels.first { $0.label == label }
    }
}
