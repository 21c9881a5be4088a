import Foundation
import HTTPServer
import PostgresClient

extension ObjectStore {
    /// Marks a live object deleted, recording `entry` in the same transaction; its bytes stay on the backend
    /// until the retention window ends. Returns when it may be purged.
    func delete(_ path: String, in endpoint: Endpoint, by userID: String?, audit entry: AuditEntry) async throws
        -> Date
    {
        try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE objects SET deleted_at = now(), deleted_by = $3::uuid,
                       purge_after = now() + make_interval(secs => $4)
                WHERE endpoint_id = $1::uuid AND path = $2 AND deleted_at IS NULL RETURNING purge_after
                """, [endpoint.id, path, userID, configuration.deletedObjectRetention])
            guard let row = rows.first else {
                throw HTTPError.notFound("no object `\(path)` in storage `\(endpoint.name)`")
            }
            try await AuditLog.record(entry, on: connection)
            return try row.decode("purge_after")
        }
    }

    /// Removes the bytes of `endpoint`'s deleted objects whose retention has ended, then their rows, which frees
    /// their paths; returns how many were purged. A backend failure leaves the row for the next pass.
    @discardableResult
    func purgeExpired(in endpoint: Endpoint) async throws -> Int {
        let rows = try await pool.query(
            """
            SELECT path FROM objects
            WHERE endpoint_id = $1::uuid AND deleted_at IS NOT NULL AND purge_after <= now() ORDER BY path LIMIT 1000
            """, [endpoint.id])
        var purged = 0
        for row in rows {
            let path: String = try row.decode("path")
            do {
                try await endpoint.backend.remove(path)
            } catch {
                logger.error("purging a deleted object failed", [.object: path, .error: error.description])
                continue
            }
            try await pool.execute(
                "DELETE FROM objects WHERE endpoint_id = $1::uuid AND path = $2 AND deleted_at IS NOT NULL",
                [endpoint.id, path])
            purged += 1
        }
        return purged
    }
}
