import Foundation

/// Objects as files under a folder on the server. A published object is hard-linked in from its staged file,
/// which never replaces an existing file (unlike a rename) and makes the whole file appear at once.
struct FilesystemBackend: StorageBackend {
    let root: URL

    var incoming: URL { root.appending(path: ".incoming") }

    func publish(_ staged: URL, as path: String, size: Int64, sha256: String) async throws(StorageError) {
        let target = root.appending(path: path)
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StorageError(.exists, path: path, "a file stands where one of its folders would go")
        }
        guard link(staged.path, target.path) != 0 else { return }

        switch errno {
        case EEXIST, ENOTDIR:
            throw StorageError(.exists, path: path, "the endpoint's folder already holds that name")
        case EXDEV:
            // The staged file is on another filesystem: copy it into the endpoint's own staging folder first.
            let copy = incoming.appending(path: UUID().uuidString)
            defer { unlink(copy.path) }
            do {
                try FileManager.default.copyItem(at: staged, to: copy)
            } catch {
                throw StorageError(.unavailable, path: path, "copying into the endpoint failed: \(error)")
            }
            guard link(copy.path, target.path) == 0 else { throw Self.linkError(path) }
        default:
            throw Self.linkError(path)
        }
    }

    func open(_ path: String, range: Range<Int64>) async throws(StorageError) -> ObjectReader {
        do {
            return try ObjectReader(file: root.appending(path: path), range: range)
        } catch {
            throw StorageError(.missing, path: path, error.message)
        }
    }

    func remove(_ path: String) async throws(StorageError) {
        guard unlink(root.appending(path: path).path) == 0 || errno == ENOENT else {
            throw StorageError(.unavailable, path: path, String(cString: strerror(errno)))
        }
    }

    private static func linkError(_ path: String) -> StorageError {
        let reason = String(cString: strerror(errno))
        return errno == EEXIST
            ? StorageError(.exists, path: path, "the endpoint's folder already holds that name")
            : StorageError(.unavailable, path: path, reason)
    }
}
