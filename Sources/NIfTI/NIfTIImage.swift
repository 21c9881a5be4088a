internal import CNIfTI

/// A NIfTI-1 or NIfTI-2 volume read into memory, header and voxels, through libnifti.
///
/// The image owns libnifti's `nifti_image` and frees it, voxel buffer included, when the last
/// reference goes.
///
/// It is `Sendable` unchecked because neither the handle nor the memory behind it is mutated after
/// the factory returns: sharing an image across tasks only ever reads it.
public final class NIfTIImage: @unchecked Sendable {
    /// What the file's header says, read once when the image was made.
    public let header: NIfTIHeader
    /// The path the image was read from, for error messages.
    public let path: String
    let handle: UnsafeMutablePointer<nifti_image>

    /// Takes ownership of `handle`: from here on `deinit` frees it, whatever the caller does next.
    init(owning handle: UnsafeMutablePointer<nifti_image>, header: NIfTIHeader, path: String) {
        self.handle = handle
        self.header = header
        self.path = path
    }

    deinit {
        nifti_image_free(handle)
    }

    /// Reads the header and all voxels of the file at `path` (`.nii` or `.nii.gz`).
    ///
    /// - Throws: ``NIfTIError`` naming `path`: `notFound`, `notNIfTI`, `truncated` when the voxel
    ///   data or its gzip stream ends early, `unsupportedDatatype` for complex, RGB or 128-bit
    ///   float voxels.
    public static func read(path: String) throws -> NIfTIImage {
        try LibNIfTI.checkReadable(path)

        guard let handle = LibNIfTI.read(path, withData: true) else {
            throw LibNIfTI.explainFailedRead(path)
        }
        let header: NIfTIHeader
        do {
            header = try NIfTIHeader(parsed: handle, path: path)
        } catch {
            nifti_image_free(handle)
            throw error
        }
        let image = NIfTIImage(owning: handle, header: header, path: path)

        // libnifti allocates nvox * nbyper itself; a missing buffer means the load was abandoned
        // midway.
        let expectedBytes = header.voxelCount * header.datatype.bytesPerVoxel
        guard handle.pointee.data != nil, Int(nifti_get_volsize(handle)) == expectedBytes else {
            throw NIfTIError(
                .truncated, path: path,
                message: "holds fewer than the \(expectedBytes) voxel bytes its header declares; copy the file again")
        }
        return image
    }

    /// Reads only the header of the file at `path`; the voxels are neither read nor decompressed
    /// past it.
    ///
    /// - Throws: ``NIfTIError`` naming `path`: `notFound`, `notNIfTI`, `unsupportedDatatype`.
    public static func readHeader(path: String) throws -> NIfTIHeader {
        try LibNIfTI.checkReadable(path)

        guard let handle = LibNIfTI.read(path, withData: false) else {
            throw NIfTIError(
                .notNIfTI, path: path,
                message: "has no valid NIfTI-1 or NIfTI-2 header (or a broken gzip stream); check the file type")
        }
        defer { nifti_image_free(handle) }
        return try NIfTIHeader(parsed: handle, path: path)
    }
}
