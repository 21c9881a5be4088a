/// How far two grids may differ and still count as the same grid.
public struct GridTolerance: Sendable, Equatable, Codable {
    /// Largest allowed difference of a voxel spacing, in millimetres.
    public var spacing: Double
    /// Largest allowed difference of an origin coordinate, in millimetres.
    public var origin: Double
    /// Largest allowed difference of a direction cosine (unitless).
    public var direction: Double

    /// The defaults absorb the float32 rounding of NIfTI headers (about 1e-6 relative) and nothing
    /// a scanner would produce on purpose.
    public init(spacing: Double = 1e-4, origin: Double = 1e-3, direction: Double = 1e-4) {
        self.spacing = spacing
        self.origin = origin
        self.direction = direction
    }
}
