/// A label map ready for evaluation: one integer label per voxel, its grid, and the intensity
/// scaling its file declared.
public struct LabelMap: Sendable, Equatable {
    /// One label per voxel of ``grid``, x fastest; 0 is background.
    public var labels: [UInt16]
    public var grid: VoxelGrid
    /// The stored scale slope; 0 (no scaling) or 1 keeps the stored integers as they are.
    public var scaleSlope: Double
    /// The stored offset, applied after the slope when the slope is not 0.
    public var scaleIntercept: Double

    /// Makes a label map; the label count must equal the grid's voxel count (checked by the
    /// evaluation, which reports a mismatch as an error rather than trapping).
    public init(labels: [UInt16], grid: VoxelGrid, scaleSlope: Double = 0, scaleIntercept: Double = 0) {
        self.labels = labels
        self.grid = grid
        self.scaleSlope = scaleSlope
        self.scaleIntercept = scaleIntercept
    }

    /// Whether the declared scaling would turn stored integers into other values.
    public var scalingAltersLabels: Bool {
        scaleSlope != 0 && !(scaleSlope == 1 && scaleIntercept == 0)
    }
}
