import Foundation

extension NIfTIProbe {
    /// Reads the fields the probe needs from the first bytes of the uncompressed file.
    static func header(_ head: Data, path: String) throws(NIfTIError) -> NIfTIProbe {
        let bytes = [UInt8](head.prefix(1024))
        guard bytes.count >= 4 else {
            throw NIfTIError(.notNIfTI, path: path, message: "holds \(bytes.count) bytes, too few for a NIfTI header")
        }
        let little = Int(integer(bytes, 0, 4, bigEndian: false))
        let big = Int(integer(bytes, 0, 4, bigEndian: true))
        let (size, bigEndian) = [348, 540].contains(little) ? (little, false) : (big, true)
        guard size == 348 || size == 540 else {
            throw NIfTIError(
                .notNIfTI, path: path,
                message: "starts with header size \(little), not 348 (NIfTI-1) or 540 (NIfTI-2), whatever its name "
                    + "says; it is not a NIfTI file")
        }
        guard bytes.count >= size + 4 else {
            throw NIfTIError(.headerMismatch, path: path, message: "ends inside its \(size)-byte header")
        }
        return size == 348 ? try nifti1(bytes, bigEndian: bigEndian, path: path) : try nifti2(bytes, bigEndian, path)
    }

    private static func nifti1(_ bytes: [UInt8], bigEndian: Bool, path: String) throws(NIfTIError) -> NIfTIProbe {
        let magic = Array(bytes[344..<348])
        guard magic == Array("n+1\0".utf8) else {
            let pair = magic == Array("ni1\0".utf8)
            throw NIfTIError(
                .notNIfTI, path: path,
                message: pair
                    ? "is the header of a .hdr/.img pair (magic `ni1`); store it as one .nii file"
                    : "has a 348-byte header without the NIfTI-1 magic string `n+1` at byte 344")
        }
        let dims = (0..<8).map { integer(bytes, 40 + 2 * $0, 2, bigEndian: bigEndian) }
        let bitpix = integer(bytes, 72, 2, bigEndian: bigEndian)
        let offsetBits = UInt32(truncatingIfNeeded: integer(bytes, 108, 4, bigEndian: bigEndian))
        let offset = Float(bitPattern: offsetBits)
        guard offset.isFinite, offset >= 0, offset < Float(Int64.max / 2) else {
            throw NIfTIError(.headerMismatch, path: path, message: "has vox_offset \(offset), not a byte position")
        }
        return NIfTIProbe(
            isCompressed: false, version: 1, isBigEndian: bigEndian, dataOffset: Int64(offset),
            declaredDataBytes: dataBytes(dims, bitpix), contentBytes: 0,
            intentCode: Int(integer(bytes, 68, 2, bigEndian: bigEndian)))
    }

    private static func nifti2(_ bytes: [UInt8], _ bigEndian: Bool, _ path: String) throws(NIfTIError) -> NIfTIProbe {
        guard Array(bytes[4..<12]) == Array("n+2\0\r\n\u{1A}\n".utf8) else {
            throw NIfTIError(
                .notNIfTI, path: path, message: "has a 540-byte header without the NIfTI-2 magic string `n+2`")
        }
        let dims = (0..<8).map { integer(bytes, 16 + 8 * $0, 8, bigEndian: bigEndian) }
        return NIfTIProbe(
            isCompressed: false, version: 2, isBigEndian: bigEndian,
            dataOffset: integer(bytes, 168, 8, bigEndian: bigEndian),
            declaredDataBytes: dataBytes(dims, integer(bytes, 14, 2, bigEndian: bigEndian)), contentBytes: 0,
            intentCode: Int(integer(bytes, 504, 4, bigEndian: bigEndian)))
    }

    /// Checks the extension chain after the header: each extension's size is a positive multiple of 16, and the
    /// chain and the header end at or before the data offset.
    static func checkExtensions(_ head: Data, _ probe: NIfTIProbe, path: String) throws(NIfTIError) {
        let headerEnd = Int64(probe.version == 1 ? 352 : 544)
        guard probe.dataOffset >= headerEnd else {
            throw NIfTIError(
                .headerMismatch, path: path,
                message: "has vox_offset \(probe.dataOffset), inside its own header; voxels start at \(headerEnd) "
                    + "or later")
        }
        let bytes = [UInt8](head)
        guard bytes.count >= Int(headerEnd), bytes[Int(headerEnd) - 4] != 0 else { return }
        guard probe.dataOffset - headerEnd >= 16 else {
            throw NIfTIError(
                .headerMismatch, path: path,
                message: "flags header extensions, but vox_offset \(probe.dataOffset) leaves no room for one after "
                    + "the header; clear the extension flag or fix vox_offset")
        }
        var position = headerEnd
        while position < probe.dataOffset {
            guard position + 8 <= Int64(bytes.count) else { break }
            let size = integer(bytes, Int(position), 4, bigEndian: probe.isBigEndian)
            guard size >= 16, size % 16 == 0, position + size <= probe.dataOffset else {
                throw NIfTIError(
                    .headerMismatch, path: path,
                    message: "has a header extension at byte \(position) of size \(size), which is not a positive "
                        + "multiple of 16 ending by vox_offset \(probe.dataOffset); the extensions are damaged")
            }
            position += size
        }
    }

    /// nvox * bitpix / 8 from the `dim` array (rank first).
    private static func dataBytes(_ dims: [Int64], _ bitpix: Int64) -> Int64 {
        let rank = Int(min(max(dims[0], 0), 7))
        let voxels = (1...max(rank, 1)).reduce(Int64(1)) { product, axis in
            product.multipliedReportingOverflow(by: max(dims[axis], 1)).partialValue
        }
        return voxels.multipliedReportingOverflow(by: max(bitpix, 0) / 8).partialValue
    }

    /// The `width`-byte integer at `offset`, sign-extended.
    static func integer(_ bytes: [UInt8], _ offset: Int, _ width: Int, bigEndian: Bool) -> Int64 {
        var value: UInt64 = 0
        for index in 0..<width {
            let byte = UInt64(bytes[offset + (bigEndian ? index : width - 1 - index)])
            value = value << 8 | byte
        }
        let shift = UInt64(64 - 8 * width)
        return Int64(bitPattern: value << shift) >> Int64(shift)
    }
}
