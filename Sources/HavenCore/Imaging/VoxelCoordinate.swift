/// One voxel's position in a ``VolumeShape``, counted from 0 along each axis.
public struct VoxelCoordinate: Sendable, Equatable, Hashable, Codable {
    public var x: Int
    public var y: Int
    public var z: Int

    public init(x: Int, y: Int, z: Int) {
        self.x = x
        self.y = y
        self.z = z
    }
}
