/// One connected blob of bone-dense voxels that the baseline kept.
public struct BoneComponent: Sendable, Equatable, Codable {
    /// Voxels in the blob.
    public var voxelCount: Int
    /// The smallest x, y and z any voxel of the blob has.
    public var lower: VoxelCoordinate
    /// The largest x, y and z any voxel of the blob has.
    public var upper: VoxelCoordinate

    public init(voxelCount: Int, lower: VoxelCoordinate, upper: VoxelCoordinate) {
        self.voxelCount = voxelCount
        self.lower = lower
        self.upper = upper
    }
}
