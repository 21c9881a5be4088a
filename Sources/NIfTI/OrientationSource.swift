/// Which part of a NIfTI header the voxel-to-world affine was taken from.
public enum OrientationSource: String, Sendable, Codable {
    /// The general affine (`srow_x/y/z`), used whenever `sform_code > 0`.
    case sform
    /// The quaternion rotation, offsets and voxel sizes, used when only `qform_code > 0`.
    case qform
    /// Neither code is set, so the affine is the voxel sizes on the diagonal (the standard's method
    /// 1).
    case voxelSizes
}
