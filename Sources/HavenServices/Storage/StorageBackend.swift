import Foundation

/// Where one storage endpoint keeps object bytes: a folder on the server, an S3-compatible bucket, or (through
/// the PACS integration) a DICOM store.
///
/// Objects are immutable and named by their path under the endpoint. The database row, not the backend, says
/// whether an object exists: the backend holds bytes only for rows that were committed, or are about to be.
protocol StorageBackend: Sendable {
    /// Publishes the staged file `staged` (of `size` bytes with SHA-256 `sha256`) as `path`, atomically: readers
    /// see the whole object or none. The staged file may be consumed.
    ///
    /// - Throws: ``StorageError`` `.exists` if the backend already holds something at `path`.
    func publish(_ staged: URL, as path: String, size: Int64, sha256: String) async throws(StorageError)

    /// Opens bytes `range` of `path` for reading; the reader streams them without holding them all in memory.
    func open(_ path: String, range: Range<Int64>) async throws(StorageError) -> ObjectReader

    /// Removes `path`'s bytes; removing what is already gone succeeds.
    func remove(_ path: String) async throws(StorageError)
}
