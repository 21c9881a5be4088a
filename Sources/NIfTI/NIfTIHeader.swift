/// What a NIfTI header says about a volume: its grid, voxel type, orientation and intensity
/// scaling.
public struct NIfTIHeader: Sendable, Codable, Equatable {
    /// The file format version, 1 or 2.
    public var version: Int
    /// Voxels per axis: x, y, z, then t, u, v, w when present; trailing 1s beyond the third axis
    /// are trimmed.
    public var dimensions: [Int]
    /// Voxel size per axis, one per dimension; millimetres for the three spatial axes.
    public var spacing: [Double]
    /// How each voxel is stored.
    public var datatype: NIfTIDatatype
    public var sformCode: Int
    public var qformCode: Int
    /// Where ``affine`` came from, by the NIfTI rule: sform when its code is set, else qform, else
    /// voxel sizes.
    public var orientationSource: OrientationSource
    /// The 4 x 4 voxel-index-to-world matrix in millimetres, row by row.
    public var affine: [[Double]]
    /// Multiplier applied to stored values; 0 means the file asks for no scaling.
    public var scaleSlope: Double
    /// Offset added after ``scaleSlope``; ignored when the slope is 0.
    public var scaleIntercept: Double
    /// Voxels in the whole volume, the product of ``dimensions``.
    public var voxelCount: Int
    /// The qform's affine (rows, millimetres) when the sform is also set, so that the two can be compared; nil
    /// when only one transform (or neither) is valid.
    public var qformAffine: [[Double]]? = nil

    /// Makes a header from its parts; readers build it from a file with
    /// ``NIfTIImage/readHeader(path:)``.
    public init(
        version: Int, dimensions: [Int], spacing: [Double], datatype: NIfTIDatatype, sformCode: Int,
        qformCode: Int, orientationSource: OrientationSource, affine: [[Double]], scaleSlope: Double,
        scaleIntercept: Double, voxelCount: Int
    ) {
        self.version = version
        self.dimensions = dimensions
        self.spacing = spacing
        self.datatype = datatype
        self.sformCode = sformCode
        self.qformCode = qformCode
        self.orientationSource = orientationSource
        self.affine = affine
        self.scaleSlope = scaleSlope
        self.scaleIntercept = scaleIntercept
        self.voxelCount = voxelCount
    }

    /// Whether stored values must be transformed to get the real values (a non-zero slope other
    /// than 1 × v + 0).
    public var hasScaling: Bool {
        scaleSlope != 0 && !(scaleSlope == 1 && scaleIntercept == 0)
    }
}
