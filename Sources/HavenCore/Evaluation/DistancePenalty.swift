/// The distance every surface metric takes for a label that is empty in exactly one of the two maps.
public enum DistancePenalty: Sendable, Equatable, Codable {
    /// The grid's diagonal (``VoxelGrid/diagonal``): no real surface distance on the grid can exceed it.
    case gridDiagonal
    /// A fixed distance in millimetres.
    case fixed(Double)

    /// The penalty in millimetres on `grid`.
    public func millimetres(on grid: VoxelGrid) -> Double {
        switch self {
        case .gridDiagonal: grid.diagonal
        case .fixed(let value): value
        }
    }

    /// A name for reports: `grid-diagonal` or `fixed`.
    public var name: String {
        switch self {
        case .gridDiagonal: "grid-diagonal"
        case .fixed: "fixed"
        }
    }
}
