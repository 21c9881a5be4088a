import Foundation
import HTTPServer
import HavenCrypto
import PostgresClient

extension ObjectStore {
    /// The columns a view is read from.
    static let viewColumns = """
        path, size, sha256, nifti::text AS nifti, written_by::text AS written_by,
        written_by_job::text AS written_by_job, created_at
        """

    /// A live object's row, or a 404 that names it.
    func view(at path: String, in endpoint: Endpoint) async throws -> ObjectAPI.View {
        let rows = try await pool.query(
            """
            SELECT \(Self.viewColumns) FROM objects
            WHERE endpoint_id = $1::uuid AND path = $2 AND deleted_at IS NULL
            """, [endpoint.id, path])
        guard let row = rows.first else {
            throw HTTPError.notFound("no object `\(path)` in storage `\(endpoint.name)`")
        }
        return try Self.view(row, endpoint: endpoint.name)
    }

    /// Every live object of `endpoint` whose path starts with `prefix`, in path order.
    func list(in endpoint: Endpoint, prefix: String) async throws -> [ObjectAPI.View] {
        let rows = try await pool.query(
            """
            SELECT \(Self.viewColumns) FROM objects
            WHERE endpoint_id = $1::uuid AND starts_with(path, $2) AND deleted_at IS NULL ORDER BY path
            """, [endpoint.id, prefix])
        return try rows.map { try Self.view($0, endpoint: endpoint.name) }
    }

    /// Opens bytes `range` of a stored object on its backend.
    func open(_ object: ObjectAPI.View, range: Range<Int64>, in endpoint: Endpoint) async throws -> ObjectReader {
        do {
            return try await endpoint.backend.open(object.path, range: range)
        } catch {
            logger.error("stored object is missing or unreadable", [.object: object.path, .error: error.description])
            throw Self.storageFault(object.path)
        }
    }

    /// A body that streams `reader` a piece at a time; for a whole object it also checks the bytes against the
    /// SHA-256 recorded when they were written, and ends the body early (the client sees a cut transfer) if they
    /// differ.
    func stream(_ reader: ObjectReader, object: ObjectAPI.View, whole: Bool) -> HTTPBodyStream {
        let logger = logger
        return HTTPBodyStream(highWater: 4 << 20) { writer in
            let queue = DispatchQueue(label: "haven.object.read")
            let hasher = whole ? try SHA256Hasher() : nil
            while true {
                let piece = try await withCheckedThrowingContinuation { continuation in
                    queue.async { continuation.resume(with: Result { try reader.read(upTo: 1 << 20) }) }
                }
                if piece.isEmpty { break }
                hasher?.update(piece)
                try await writer.write(piece)
            }
            if let hasher, hasher.finalizeHex() != object.sha256 {
                logger.error("stored object is missing or changed", [.object: object.path])
                throw Self.storageFault(object.path)
            }
        }
    }

    static func storageFault(_ path: String) -> HTTPError {
        HTTPError(
            status: 500, code: "storage_fault",
            message: "`\(path)` is missing or changed on its storage endpoint; an admin must restore it")
    }

    static func view(_ row: PostgresRow, endpoint: String) throws -> ObjectAPI.View {
        let nifti = try row.decode("nifti", as: String?.self).map {
            try APIJSON.decoder().decode(ObjectAPI.NIfTISummary.self, from: Data($0.utf8))
        }
        return try ObjectAPI.View(
            path: row.decode("path"), endpoint: endpoint, size: row.decode("size"), sha256: row.decode("sha256"),
            nifti: nifti, writtenBy: row.decode("written_by"), writtenByJob: row.decode("written_by_job"),
            createdAt: row.decode("created_at"))
    }
}
