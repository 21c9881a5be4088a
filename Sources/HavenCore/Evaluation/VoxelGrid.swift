/// Where a label map's voxels sit in the world: the grid, the voxel size and the orientation.
///
/// Two label maps can only be compared voxel by voxel when their grids agree; see
/// ``VoxelGrid/differences(from:tolerance:)``.
public struct VoxelGrid: Sendable, Equatable, Codable {
    /// Voxels per axis, x fastest.
    public var shape: VolumeShape
    /// The distance between voxel centres along x, y and z, in millimetres.
    public var spacing: [Double]
    /// The world position of the centre of voxel (0, 0, 0), in millimetres.
    public var origin: [Double]
    /// The unit world direction of each voxel axis: `direction[axis]` is the direction of x, y or z.
    public var direction: [[Double]]

    /// Makes a grid from its parts; spacing and origin hold three values, direction three unit vectors.
    public init(
        shape: VolumeShape, spacing: [Double], origin: [Double] = [0, 0, 0],
        direction: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    ) {
        precondition(spacing.count == 3 && origin.count == 3, "a grid needs three spacings and three origin values")
        precondition(direction.count == 3 && direction.allSatisfy { $0.count == 3 }, "a grid needs three directions")
        precondition(spacing.allSatisfy { $0 > 0 }, "voxel spacing must be positive")
        self.shape = shape
        self.spacing = spacing
        self.origin = origin
        self.direction = direction
    }

    /// Makes a grid from a 4 x 4 voxel-to-world matrix (row by row, millimetres), such as a NIfTI
    /// header's affine.
    ///
    /// The spacing of an axis is the length of its matrix column, the direction that column scaled
    /// to unit length, and the origin the translation column.
    public init(shape: VolumeShape, affine: [[Double]]) {
        precondition(affine.count >= 3 && affine.allSatisfy { $0.count >= 4 }, "an affine has at least 3 x 4 entries")
        var spacing: [Double] = []
        var direction: [[Double]] = []
        for axis in 0..<3 {
            let column = (0..<3).map { affine[$0][axis] }
            let length = column.reduce(0) { $0 + $1 * $1 }.squareRoot()
            spacing.append(length)
            direction.append(column.map { $0 / length })
        }
        self.init(shape: shape, spacing: spacing, origin: (0..<3).map { affine[$0][3] }, direction: direction)
    }

    /// The distance in millimetres between the centres of two opposite corner voxels: no two voxels
    /// of the grid are further apart.
    public var diagonal: Double {
        let extents = [shape.x, shape.y, shape.z]
        return (0..<3).reduce(0.0) { sum, axis in
            let length = Double(max(extents[axis] - 1, 0)) * spacing[axis]
            return sum + length * length
        }.squareRoot()
    }
}
