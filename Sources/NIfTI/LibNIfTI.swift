internal import CNIfTI
import Foundation
import Synchronization

/// The calls into libnifti that need care beyond a single function: quieting it, serialising it,
/// and turning its NULL results into errors that say why.
enum LibNIfTI {
    /// libnifti keeps process-wide options and does not document thread safety, so every call that
    /// reads or writes a file takes this lock; a read of Haven's volumes takes milliseconds.
    static let lock = Mutex(())

    /// Sets libnifti's debug level to 0 once, so good files read silently; it may still print on
    /// bad files.
    private static let quiet: Void = nifti_set_debug_level(0)

    /// libnifti's reader under the lock; nil when the header or, with `withData`, the voxels cannot
    /// be read.
    static func read(_ path: String, withData: Bool) -> UnsafeMutablePointer<nifti_image>? {
        _ = quiet
        return lock.withLock { _ in nifti_image_read(path, withData ? 1 : 0) }
    }

    /// Refuses a path that is missing, a folder, or unreadable before libnifti guesses at other
    /// file names.
    static func checkReadable(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw NIfTIError(.notFound, path: path, message: "does not exist; check the path")
        }
        guard !isFolder.boolValue else {
            throw NIfTIError(.notFound, path: path, message: "is a folder; name a .nii or .nii.gz file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw NIfTIError(.notFound, path: path, message: "cannot be read by this process; check its permissions")
        }
    }

    /// Why a full read returned NULL: if the header alone reads, the voxel data or its gzip stream
    /// was short.
    static func explainFailedRead(_ path: String) -> NIfTIError {
        guard let headerOnly = read(path, withData: false) else {
            return NIfTIError(
                .notNIfTI, path: path,
                message: "has no valid NIfTI-1 or NIfTI-2 header (or a broken gzip stream); check the file type")
        }
        nifti_image_free(headerOnly)
        return NIfTIError(
            .truncated, path: path,
            message: "has a valid header but its voxel data ends early or its gzip stream is corrupt; copy it again")
    }
}
