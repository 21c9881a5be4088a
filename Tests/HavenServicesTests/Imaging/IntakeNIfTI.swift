import Foundation

/// Small NIfTI-1 files written byte by byte from the standard's field offsets (little endian), so that intake
/// tests build each fault themselves without libnifti or Haven.
struct IntakeNIfTI {
    var dim: [Int16] = [3, 2, 2, 2, 1, 1, 1, 1]
    var datatype: Int16 = 4  // int16
    var bitsPerVoxel: Int16 = 16
    var pixdim: [Float] = [1, 1, 2, 3, 1, 1, 1, 1]
    var voxOffset: Float = 352
    var slope: Float = 0
    var intercept: Float = 0
    var intent: Int16 = 0
    var qformCode: Int16 = 0
    var sformCode: Int16 = 0
    /// quatern_b, c, d, then qoffset_x, y, z.
    var quaternion: [Float] = [0, 0, 0, 0, 0, 0]
    var sformRows: [[Float]] = [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0]]
    /// Bytes 348-351: a non-zero first byte says extensions follow.
    var extensionFlag: [UInt8] = [0, 0, 0, 0]
    /// Bytes between the extension flag and the voxels (extensions, or padding up to `voxOffset`).
    var afterHeader = Data()
    var magic = "n+1\0"
    /// The voxels, int16 little endian; 8 of them for the default 2 x 2 x 2 grid.
    var voxels: [Int16] = [0, 25, 25, 26, 0, 0, 26, 25]

    func bytes() -> Data {
        var header = Data(count: 348)
        put(Int32(348), at: 0, in: &header)
        for (axis, length) in dim.enumerated() { put(length, at: 40 + 2 * axis, in: &header) }
        put(intent, at: 68, in: &header)
        put(datatype, at: 70, in: &header)
        put(bitsPerVoxel, at: 72, in: &header)
        for (axis, size) in pixdim.enumerated() { put(size, at: 76 + 4 * axis, in: &header) }
        put(voxOffset, at: 108, in: &header)
        put(slope, at: 112, in: &header)
        put(intercept, at: 116, in: &header)
        header[123] = 2  // millimetres
        put(qformCode, at: 252, in: &header)
        put(sformCode, at: 254, in: &header)
        for (index, value) in quaternion.enumerated() { put(value, at: 256 + 4 * index, in: &header) }
        for (row, values) in sformRows.enumerated() {
            for (column, value) in values.enumerated() { put(value, at: 280 + 16 * row + 4 * column, in: &header) }
        }
        header.replaceSubrange(344..<348, with: Array(magic.utf8))
        var voxelBytes = Data()
        for value in voxels { withUnsafeBytes(of: value.littleEndian) { voxelBytes.append(contentsOf: $0) } }
        return header + Data(extensionFlag) + afterHeader + voxelBytes
    }

    private func put<T>(_ value: T, at offset: Int, in data: inout Data) {
        withUnsafeBytes(of: value) { data.replaceSubrange(offset..<(offset + $0.count), with: $0) }
    }
}
