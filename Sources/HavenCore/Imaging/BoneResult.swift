/// What ``BoneBaseline`` found: a binary mask and the blobs it is made of.
public struct BoneResult: Sendable, Equatable {
    /// One value per voxel in the input order: 1 for bone, 0 for everything else.
    public var mask: [UInt8]
    /// The kept blobs, in the order their first voxel appears in the flat volume.
    public var components: [BoneComponent]
    /// Voxels at or above the threshold, before small blobs were dropped.
    public var thresholdVoxelCount: Int
    /// Blobs dropped for having fewer voxels than the minimum.
    public var droppedComponentCount: Int
    /// Voxels in the dropped blobs.
    public var droppedVoxelCount: Int

    public init(
        mask: [UInt8], components: [BoneComponent], thresholdVoxelCount: Int, droppedComponentCount: Int,
        droppedVoxelCount: Int
    ) {
        self.mask = mask
        self.components = components
        self.thresholdVoxelCount = thresholdVoxelCount
        self.droppedComponentCount = droppedComponentCount
        self.droppedVoxelCount = droppedVoxelCount
    }

    /// Voxels marked as bone.
    public var boneVoxelCount: Int {
        components.reduce(0) { $0 + $1.voxelCount }
    }
}
