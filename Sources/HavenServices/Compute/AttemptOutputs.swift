import Foundation
import HTTPServer
import PostgresClient

/// An attempt's outputs: its runner writes them under `OUTPUT_PREFIX/attempts/N/`; when the attempt succeeds they
/// are published under `OUTPUT_PREFIX/` (a new object row and a hard link per file, in the ending transaction),
/// and when it ends any other way they are deleted. Readers of the job's outputs thus see a succeeded attempt's
/// files or nothing.
enum AttemptOutputs {
    /// Where attempt `attempt` of a job writes, below the job's output prefix.
    static func prefix(outputPrefix: String, attempt: Int) -> String {
        outputPrefix + "/attempts/\(attempt)"
    }

    /// The attempt's objects: their path, the endpoint's id and folder, and the job's output prefix.
    private static func objects(jobID: String, attempt: Int, on connection: PostgresConnection) async throws
        -> [(path: String, endpointID: String, root: URL, outputPrefix: String)]
    {
        let rows = try await connection.query(
            """
            SELECT o.path, o.endpoint_id::text AS endpoint_id, e.root_path, j.output_prefix
            FROM jobs j JOIN objects o ON o.endpoint_id = j.endpoint_id
            JOIN storage_endpoints e ON e.id = j.endpoint_id
            WHERE j.id = $1::uuid AND starts_with(o.path, j.output_prefix || '/attempts/' || $2 || '/')
            """, [jobID, String(attempt)])
        return try rows.map {
            (
                try $0.decode("path"), try $0.decode("endpoint_id"), URL(filePath: try $0.decode("root_path")),
                try $0.decode("output_prefix")
            )
        }
    }

    static func publish(jobID: String, attempt: Int, on connection: PostgresConnection) async throws {
        for object in try await objects(jobID: jobID, attempt: attempt, on: connection) {
            let scoped = prefix(outputPrefix: object.outputPrefix, attempt: attempt) + "/"
            let final = object.outputPrefix + "/" + object.path.dropFirst(scoped.count)
            try await connection.execute(
                """
                INSERT INTO objects (endpoint_id, path, size, sha256, nifti, written_by, written_by_job)
                SELECT endpoint_id, $3, size, sha256, nifti, written_by, written_by_job FROM objects
                WHERE endpoint_id = $1::uuid AND path = $2
                """, [object.endpointID, object.path, final])
            let target = object.root.appending(path: final)
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard link(object.root.appending(path: object.path).path, target.path) == 0 else {
                throw HTTPError(
                    status: 507, code: "storage_unavailable",
                    message: "publishing `\(final)` failed: \(String(cString: strerror(errno)))")
            }
        }
    }

    static func discard(jobID: String, attempt: Int, on connection: PostgresConnection) async throws {
        for object in try await objects(jobID: jobID, attempt: attempt, on: connection) {
            try await connection.execute(
                "DELETE FROM objects WHERE endpoint_id = $1::uuid AND path = $2", [object.endpointID, object.path])
            try? FileManager.default.removeItem(at: object.root.appending(path: object.path))
        }
    }
}
