/// The voxel grid of a 3D volume stored flat with x fastest, then y, then z (NIfTI's order).
public struct VolumeShape: Sendable, Equatable, Codable {
    public var x: Int
    public var y: Int
    public var z: Int

    /// Makes a shape of `x` by `y` by `z` voxels; every extent must be 0 or more.
    public init(x: Int, y: Int, z: Int) {
        precondition(x >= 0 && y >= 0 && z >= 0, "a volume extent cannot be negative")
        self.x = x
        self.y = y
        self.z = z
    }

    /// Voxels in the volume.
    public var count: Int { x * y * z }

    /// The flat index of voxel (`x`, `y`, `z`).
    public func index(x: Int, y: Int, z: Int) -> Int {
        (z * self.y + y) * self.x + x
    }

    /// The coordinates of the voxel at flat index `index`.
    public func coordinate(of index: Int) -> VoxelCoordinate {
        let plane = x * y
        let inPlane = index % plane
        return VoxelCoordinate(x: inPlane % x, y: inPlane / x, z: index / plane)
    }
}
