internal import CNIfTI
import Foundation

extension NIfTIImage {
    /// Writes `labels` as a uint8 NIfTI volume on the grid of `reference`: same dimensions, voxel
    /// sizes, sform, qform, codes and format version, with no intensity scaling and no header
    /// extensions.
    ///
    /// The file is written beside `path` under a temporary name, read back and compared, then
    /// renamed over `path`, so a reader never sees a half-written file. A path ending in `.nii.gz`
    /// is gzip-compressed.
    ///
    /// - Throws: ``NIfTIError`` naming `path`: `shapeMismatch` when `labels` does not hold one
    ///   value per reference voxel, `writeFailed` for another extension, an unwritable folder, or a
    ///   failed read-back.
    public static func writeLabels(_ labels: [UInt8], like reference: NIfTIImage, to path: String) throws {
        guard labels.count == reference.header.voxelCount else {
            throw NIfTIError(
                .shapeMismatch, path: path,
                message: "was given \(labels.count) labels for a \(reference.header.voxelCount)-voxel grid "
                    + "(\(reference.header.dimensions)); pass one label per reference voxel")
        }
        guard path.hasSuffix(".nii") || path.hasSuffix(".nii.gz") else {
            throw NIfTIError(.writeFailed, path: path, message: "has no .nii or .nii.gz extension; add one")
        }

        let target = URL(fileURLWithPath: path)
        let suffix = path.hasSuffix(".gz") ? ".nii.gz" : ".nii"
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString)\(suffix)").path

        do {
            try writeAndVerify(labels, like: reference, to: temporary, naming: path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw NIfTIError(.writeFailed, path: path, message: "could not be replaced (\(reason)); check the folder")
        }
    }

    /// Writes `labels` to `temporary` through a copy of the reference's header, then reads the file
    /// back.
    private static func writeAndVerify(
        _ labels: [UInt8], like reference: NIfTIImage, to temporary: String, naming path: String
    ) throws {
        let failure = { (reason: String) in NIfTIError(.writeFailed, path: path, message: reason) }

        try LibNIfTI.lock.withLock { _ in
            guard let copy = nifti_copy_nim_info(reference.handle) else {
                throw failure("could not be prepared: libnifti could not copy the reference header")
            }
            // The wrapper frees the copy and the voxel buffer it is given, on every path out of
            // this scope.
            let owner = NIfTIImage(owning: copy, header: reference.header, path: path)
            try withExtendedLifetime(owner) {
                describeLabels(copy, version: reference.header.version)

                guard let buffer = malloc(labels.count) else {
                    throw failure("could not be prepared: no memory for \(labels.count) voxels")
                }
                labels.withUnsafeBytes { source in
                    buffer.copyMemory(from: source.baseAddress!, byteCount: source.count)
                }
                copy.pointee.data = buffer

                guard nifti_set_filenames(copy, temporary, 0, 1) == 0 else {
                    throw failure("could not be named for writing; check the file name")
                }
                nifti_image_write(copy)
            }
        }

        // nifti_image_write reports nothing, so the only proof of a good write is reading it back.
        let readBack: NIfTIImage
        do {
            readBack = try NIfTIImage.read(path: temporary)
        } catch {
            throw failure("did not read back after writing (\(error)); check free space and folder permissions")
        }
        guard readBack.header.datatype == .uint8, readBack.header.voxelCount == labels.count else {
            throw failure("read back with another datatype or grid; check the disk")
        }
        let sameBytes = labels.withUnsafeBytes { expected in
            memcmp(expected.baseAddress!, readBack.handle.pointee.data, labels.count) == 0
        }
        guard sameBytes else {
            throw failure("read back different from the labels written; check the disk")
        }
    }

    /// Turns a copied header into a plain uint8 label map in one file, keeping grid and
    /// orientation.
    private static func describeLabels(_ image: UnsafeMutablePointer<nifti_image>, version: Int) {
        image.pointee.datatype = Int32(NIfTIDatatype.uint8.code)
        image.pointee.nbyper = 1
        image.pointee.swapsize = 0
        image.pointee.scl_slope = 0
        image.pointee.scl_inter = 0
        image.pointee.cal_min = 0
        image.pointee.cal_max = 0
        // A reference's extensions (a label table, say) describe its values, not the labels written.
        nifti_free_extensions(image)
        // One-file formats: NIFTI_FTYPE_NIFTI1_1 and NIFTI_FTYPE_NIFTI2_1.
        image.pointee.nifti_type = version == 2 ? 4 : 1
    }
}
