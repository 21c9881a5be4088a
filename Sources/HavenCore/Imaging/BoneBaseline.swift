/// A simple CPU bone segmentation for CT: a Hounsfield threshold followed by removal of small
/// blobs.
///
/// It is a baseline to compare trained models against and to exercise the pipeline, not a model: it
/// marks anything dense (contrast, calcifications, metal) as bone and knows no anatomy.
public enum BoneBaseline {
    /// The knobs of the baseline, with defaults that suit adult CT.
    public struct Parameters: Sendable, Codable, Equatable {
        /// Voxels at or above this value (in HU) count as bone; cancellous bone starts near 200 HU.
        public var thresholdHU: Float
        /// Blobs with fewer voxels than this are dropped as noise, calcifications or contrast
        /// specks.
        public var minimumComponentVoxels: Int

        public init(thresholdHU: Float = 200, minimumComponentVoxels: Int = 50) {
            self.thresholdHU = thresholdHU
            self.minimumComponentVoxels = minimumComponentVoxels
        }
    }

    /// Marks voxels at or above the threshold, groups them into 26-connected blobs and keeps the
    /// large ones.
    ///
    /// 26-connectivity (faces, edges and corners touch) keeps thin oblique bone such as ribs and
    /// cortical shells, which at CT resolutions often meet only at a corner, in one blob instead of
    /// breaking it into specks that the size filter would then drop. NaN values are not bone.
    ///
    /// - Parameters:
    ///   - hounsfield: One value per voxel of `shape`, x fastest; the count must equal
    ///     `shape.count`.
    ///   - shape: The grid of the volume.
    ///   - parameters: The threshold and minimum blob size.
    /// - Returns: The mask and the kept blobs; time and memory are linear in the voxel count.
    public static func segment(hounsfield: [Float], shape: VolumeShape, parameters: Parameters = Parameters())
        -> BoneResult
    {
        precondition(hounsfield.count == shape.count, "one Hounsfield value per voxel of the shape is required")

        let dense = hounsfield.map { $0 >= parameters.thresholdHU ? UInt8(1) : 0 }
        let labelling = ComponentLabelling(mask: dense, shape: shape)

        let keep = labelling.components.map { $0.voxelCount >= parameters.minimumComponentVoxels }
        let mask = labelling.labels.map { label in label > 0 && keep[Int(label) - 1] ? UInt8(1) : 0 }
        let dropped = labelling.components.indices.filter { !keep[$0] }

        return BoneResult(
            mask: mask,
            components: labelling.components.indices.filter { keep[$0] }.map { labelling.components[$0] },
            thresholdVoxelCount: labelling.components.reduce(0) { $0 + $1.voxelCount },
            droppedComponentCount: dropped.count,
            droppedVoxelCount: dropped.reduce(0) { $0 + labelling.components[$1].voxelCount })
    }
}
