import Foundation
import HTTPServer
import HavenCrypto
import PostgresClient

extension ObjectStore {
    /// An object's row, or a 404 that names it.
    func view(at path: String, in endpoint: Endpoint) async throws -> ObjectAPI.View {
        let rows = try await pool.query(
            """
            SELECT path, size, sha256, nifti::text AS nifti, written_by::text AS written_by,
                   written_by_job::text AS written_by_job, created_at
            FROM objects WHERE endpoint_id = $1::uuid AND path = $2
            """, [endpoint.id, path])
        guard let row = rows.first else {
            throw HTTPError.notFound("no object `\(path)` in storage `\(endpoint.name)`")
        }
        return try Self.view(row, endpoint: endpoint.name)
    }

    /// Every object of `endpoint` whose path starts with `prefix`, in path order.
    func list(in endpoint: Endpoint, prefix: String) async throws -> [ObjectAPI.View] {
        let rows = try await pool.query(
            """
            SELECT path, size, sha256, nifti::text AS nifti, written_by::text AS written_by,
                   written_by_job::text AS written_by_job, created_at
            FROM objects WHERE endpoint_id = $1::uuid AND starts_with(path, $2) ORDER BY path
            """, [endpoint.id, prefix])
        return try rows.map { try Self.view($0, endpoint: endpoint.name) }
    }

    /// The bytes of a stored object, checked against the size and SHA-256 recorded when it was written.
    func read(_ object: ObjectAPI.View, in endpoint: Endpoint) throws -> Data {
        let file = endpoint.root.appending(path: object.path)
        guard let data = FileManager.default.contents(atPath: file.path), Int64(data.count) == object.size,
            SHA256.hex(data) == object.sha256
        else {
            logger.error("stored object is missing or changed", [.object: object.path])
            throw HTTPError(
                status: 500, code: "storage_fault",
                message: "`\(object.path)` is missing or changed on its storage endpoint; an admin must restore it")
        }
        return data
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
