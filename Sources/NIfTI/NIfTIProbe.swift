import Foundation

/// What a NIfTI file's bytes say about it, read without trusting its name: whether it is gzip-compressed, which
/// header it has (by size and magic string), where its voxels start, and how many bytes it really holds.
///
/// ``probe(path:)`` reads the whole stream once, so a cut or corrupt gzip stream and a header whose extensions or
/// data offset do not fit the bytes are found before libnifti reads the file.
public struct NIfTIProbe: Sendable, Equatable {
    /// Whether the bytes are a gzip stream (they start with 1f 8b).
    public var isCompressed: Bool
    /// 1 for a 348-byte NIfTI-1 header, 2 for a 540-byte NIfTI-2 header.
    public var version: Int
    /// Whether the header is big-endian.
    public var isBigEndian: Bool
    /// Where the voxels start in the uncompressed bytes.
    public var dataOffset: Int64
    /// The voxel bytes the dimensions and bits per voxel declare.
    public var declaredDataBytes: Int64
    /// The uncompressed length of the file.
    public var contentBytes: Int64
    /// The header's intent code; 1002 marks a label map.
    public var intentCode: Int
    /// The `.nii` or `.nii.gz` suffix libnifti needs for these bytes.
    public var suffix: String { isCompressed ? ".nii.gz" : ".nii" }

    /// The intent code of a label map (NIFTI_INTENT_LABEL).
    public static let labelIntent = 1002

    /// Reads `path` and checks that its bytes are one whole NIfTI-1 or NIfTI-2 file.
    ///
    /// - Throws: ``NIfTIError`` naming `path`: `notFound`; `notNIfTI` for a header size other than 348 or 540 or
    ///   a missing magic string; `corruptCompression` for a cut or corrupt gzip stream; `headerMismatch` when the
    ///   extensions or data offset do not fit, or the voxels run past the end of the file.
    public static func probe(path: String) throws(NIfTIError) -> NIfTIProbe {
        guard let reader = GzipReader(path: path) else {
            throw NIfTIError(.notFound, path: path, message: "cannot be opened; check that it exists and is readable")
        }
        let compressed = isGzip(path)
        let (head, total) = try readAll(reader, keeping: 1 << 16, path: path)
        var probe = try header(head, path: path)
        probe.isCompressed = compressed
        probe.contentBytes = total
        try checkExtensions(head, probe, path: path)
        guard probe.dataOffset + probe.declaredDataBytes <= total else {
            throw NIfTIError(
                .headerMismatch, path: path,
                message: "its header puts \(probe.declaredDataBytes) voxel bytes at offset \(probe.dataOffset), but "
                    + "the file holds only \(total) bytes\(compressed ? " uncompressed" : ""); it is cut short or "
                    + "its dimensions or vox_offset are wrong")
        }
        return probe
    }

    /// Streams the whole file, keeping its first `keeping` bytes; returns them and the total length.
    private static func readAll(_ reader: GzipReader, keeping: Int, path: String) throws(NIfTIError) -> (Data, Int64) {
        var head = Data()
        var total: Int64 = 0
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            switch reader.read(into: buffer) {
            case .success(0):
                return (head, total)
            case .success(let count):
                if head.count < keeping {
                    head.append(
                        contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<min(count, keeping - head.count)]))
                }
                total += Int64(count)
            case .failure(.truncated):
                throw NIfTIError(
                    .corruptCompression, path: path,
                    message: "its gzip stream ends after \(total) bytes, before its end; the file is truncated, copy "
                        + "it again")
            case .failure(.corrupt(let reason)):
                throw NIfTIError(
                    .corruptCompression, path: path,
                    message: "its gzip stream is corrupt after \(total) bytes (\(reason)); copy the file again")
            }
        }
    }
}

extension NIfTIProbe {
    /// Whether the first bytes of `path` (decompressed if they are gzip) are a NIfTI-1 or NIfTI-2 header, whatever
    /// the file is called; reads at most one header.
    public static func looksLikeNIfTI(path: String) -> Bool {
        (try? headerOnly(path: path)) != nil
    }

    /// The probe of `path`'s header alone (``contentBytes`` stays 0): only the first 548 bytes are decompressed,
    /// so a small file that declares a huge volume is caught before its stream is read.
    public static func headerOnly(path: String) throws(NIfTIError) -> NIfTIProbe {
        guard let reader = GzipReader(path: path) else {
            throw NIfTIError(.notFound, path: path, message: "cannot be opened; check that it exists and is readable")
        }
        var bytes = Data(count: 548)
        let count = bytes.withUnsafeMutableBytes { buffer in (try? reader.read(into: buffer).get()) ?? 0 }
        var probe = try header(bytes.prefix(count), path: path)
        probe.isCompressed = isGzip(path)
        return probe
    }

    /// Whether the file starts with the gzip magic bytes 1f 8b.
    static func isGzip(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path), let magic = try? handle.read(upToCount: 2) else {
            return false
        }
        try? handle.close()
        return magic.count == 2 && magic[magic.startIndex] == 0x1F && magic[magic.startIndex + 1] == 0x8B
    }
}
