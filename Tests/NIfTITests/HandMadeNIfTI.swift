import Foundation

/// Builds small uncompressed NIfTI-1 files byte by byte from the standard's field offsets, so tests can
/// check the reader against headers written without libnifti or Haven.
struct HandMadeNIfTI {
    var dim: [Int16] = [3, 2, 2, 1, 1, 1, 1, 1]
    var datatype: Int16 = 4
    var bitsPerVoxel: Int16 = 16
    var pixdim: [Float] = [1, 2, 3, 4, 1, 1, 1, 1]
    var slope: Float = 0
    var intercept: Float = 0
    var qformCode: Int16 = 0
    var sformCode: Int16 = 0
    /// quatern_b, c, d, then qoffset_x, y, z.
    var quaternion: [Float] = [0, 0, 0, 0, 0, 0]
    var sformRows: [[Float]] = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
    var voxelBytes = Data()

    /// The file: a 348-byte header, 4 zero bytes of extension flag, then the voxels at offset 352.
    func bytes() -> Data {
        var header = Data(count: 352)
        put(Int32(348), at: 0, in: &header)
        for (axis, length) in dim.enumerated() { put(length, at: 40 + 2 * axis, in: &header) }
        put(datatype, at: 70, in: &header)
        put(bitsPerVoxel, at: 72, in: &header)
        for (axis, size) in pixdim.enumerated() { put(size, at: 76 + 4 * axis, in: &header) }
        put(Float(352), at: 108, in: &header)
        put(slope, at: 112, in: &header)
        put(intercept, at: 116, in: &header)
        header[123] = 2  // xyzt_units: millimetres
        put(qformCode, at: 252, in: &header)
        put(sformCode, at: 254, in: &header)
        for (index, value) in quaternion.enumerated() { put(value, at: 256 + 4 * index, in: &header) }
        for (row, values) in sformRows.enumerated() {
            for (column, value) in values.enumerated() { put(value, at: 280 + 16 * row + 4 * column, in: &header) }
        }
        header.replaceSubrange(344..<348, with: Array("n+1\0".utf8))
        return header + voxelBytes
    }

    /// Writes the file into `folder` as `name` and returns its path.
    func write(to folder: URL, as name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try bytes().write(to: url)
        return url.path
    }

    /// Little-endian bytes of `values`, for ``voxelBytes``.
    static func littleEndian<T: FixedWidthInteger>(_ values: [T]) -> Data {
        values.reduce(into: Data()) { data, value in withUnsafeBytes(of: value.littleEndian) { data += $0 } }
    }

    /// Little-endian bytes of 32-bit floats, for ``voxelBytes``.
    static func littleEndian(_ values: [Float]) -> Data {
        littleEndian(values.map(\.bitPattern))
    }

    private func put<T: FixedWidthInteger>(_ value: T, at offset: Int, in data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.replaceSubrange(offset..<offset + $0.count, with: $0) }
    }

    private func put(_ value: Float, at offset: Int, in data: inout Data) {
        put(value.bitPattern, at: offset, in: &data)
    }
}
