internal import CNIfTI

extension NIfTIHeader {
    /// Reads the header fields of an image libnifti has parsed; `path` only names the file in
    /// errors.
    init(parsed image: UnsafePointer<nifti_image>, path: String) throws {
        let fields = image.pointee

        guard let version = Self.version(ofFileType: fields.nifti_type) else {
            throw NIfTIError(
                .notNIfTI, path: path,
                message: "has an ANALYZE 7.5 header without the NIfTI magic string; convert it to NIfTI-1 or NIfTI-2")
        }
        guard let datatype = NIfTIDatatype(code: Int(fields.datatype)) else {
            let name = String(cString: nifti_datatype_string(fields.datatype))
            throw NIfTIError(
                .unsupportedDatatype, path: path,
                message: "stores voxels as \(name) (code \(fields.datatype)); convert it to an integer or float type")
        }

        let dimensions = Self.dimensions(from: fields.dim)
        let toMillimetres = Self.millimetresPerUnit(fields.xyz_units)
        let spacing = dimensions.indices.map { axis in
            let size: Double = Self.element(axis + 1, of: fields.pixdim)
            return axis < 3 ? abs(size) * toMillimetres : abs(size)
        }

        let source: OrientationSource
        let affine: [[Double]]
        if fields.sform_code > 0 {
            source = .sform
            affine = Self.rows(of: fields.sto_xyz, scaledBy: toMillimetres)
        } else if fields.qform_code > 0 {
            source = .qform
            affine = Self.rows(of: fields.qto_xyz, scaledBy: toMillimetres)
        } else {
            source = .voxelSizes
            affine = (0..<4).map { row in
                (0..<4).map { column in row != column ? 0 : row == 3 ? 1 : spacing[row] }
            }
        }

        // A slope of NaN or infinity is as good as absent; the standard reads 0 as "no scaling".
        let slope = fields.scl_slope.isFinite ? fields.scl_slope : 0
        let intercept = slope != 0 && fields.scl_inter.isFinite ? fields.scl_inter : 0

        self.init(
            version: version, dimensions: dimensions, spacing: spacing, datatype: datatype,
            sformCode: Int(fields.sform_code), qformCode: Int(fields.qform_code), orientationSource: source,
            affine: affine, scaleSlope: slope, scaleIntercept: intercept, voxelCount: Int(fields.nvox))
        if fields.sform_code > 0 && fields.qform_code > 0 {
            qformAffine = Self.rows(of: fields.qto_xyz, scaledBy: toMillimetres)
        }
    }

    /// The format version for libnifti's file type: 1 and 2 are NIfTI-1 in one or two files, 3 its
    /// ASCII form, 4 and 5 NIfTI-2; 0 is ANALYZE 7.5, which Haven does not accept.
    private static func version(ofFileType type: Int32) -> Int? {
        switch type {
        case 1, 2, 3: return 1
        case 4, 5: return 2
        default: return nil
        }
    }

    /// The axis lengths from `dim`, at least three, with trailing 1s beyond the third dropped.
    private static func dimensions(from dim: (Int64, Int64, Int64, Int64, Int64, Int64, Int64, Int64)) -> [Int] {
        let rank = min(max(Int(dim.0), 0), 7)
        var lengths = (1...7).map { axis -> Int in
            let length: Int64 = element(axis, of: dim)
            return axis <= rank ? max(Int(length), 1) : 1
        }
        while lengths.count > 3 && lengths.last == 1 {
            lengths.removeLast()
        }
        return lengths
    }

    /// Millimetres in one spatial unit; files that leave the unit unset are read as millimetres.
    private static func millimetresPerUnit(_ units: Int32) -> Double {
        switch units {
        case 1: return 1000
        case 3: return 0.001
        default: return 1
        }
    }

    /// Element `index` of a fixed-size C array that Swift imports as a tuple.
    private static func element<Tuple, Element>(_ index: Int, of tuple: Tuple) -> Element {
        withUnsafeBytes(of: tuple) { bytes in
            bytes.load(fromByteOffset: index * MemoryLayout<Element>.stride, as: Element.self)
        }
    }

    /// The rows of a 4 x 4 matrix, with the translation column and spatial rows converted to
    /// millimetres.
    private static func rows(of matrix: nifti_dmat44, scaledBy factor: Double) -> [[Double]] {
        withUnsafeBytes(of: matrix.m) { bytes in
            let values = bytes.bindMemory(to: Double.self)
            return (0..<4).map { row in
                (0..<4).map { column in row < 3 ? values[row * 4 + column] * factor : values[row * 4 + column] }
            }
        }
    }
}
