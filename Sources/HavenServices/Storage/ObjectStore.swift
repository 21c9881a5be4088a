import Foundation
import HTTPServer
import HavenCore
import HavenCrypto
import HavenLogging
import PostgresClient

/// Objects on filesystem endpoints: a write lands in the endpoint's `.incoming` folder, is checked, and is
/// published by a rename in the same transaction as its row and audit entry; a failed write leaves nothing.
struct ObjectStore: Sendable {
    let pool: PostgresPool
    let configuration: ServerConfiguration
    let logger: Logger

    /// A storage endpoint as the store needs it.
    struct Endpoint: Sendable {
        var id: String
        var name: String
        var root: URL
        var incoming: URL { root.appending(path: ".incoming") }
    }

    /// Creates an endpoint's folder and its `.incoming` folder, readable by Haven's account only.
    static func prepareEndpointFolder(_ root: URL) throws {
        do {
            let attributes: [FileAttributeKey: Any] = [.posixPermissions: 0o700]
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true, attributes: attributes)
            try FileManager.default.createDirectory(
                at: root.appending(path: ".incoming"), withIntermediateDirectories: true, attributes: attributes)
        } catch {
            throw HTTPError.badRequest("cannot create the storage folder `\(root.path)`: \(error.localizedDescription)")
        }
    }

    /// The project's endpoint named `name`, or its only endpoint when `name` is nil.
    func endpoint(projectID: String, named name: String?) async throws -> Endpoint {
        let rows = try await pool.query(
            """
            SELECT id::text AS id, name, root_path FROM storage_endpoints
            WHERE project_id = $1::uuid AND ($2::text IS NULL OR name = $2) ORDER BY name
            """, [projectID, name])
        guard rows.count == 1, let row = rows.first else {
            let message =
                rows.isEmpty
                ? "the project has no storage endpoint\(name.map { " named `\($0)`" } ?? ""); an admin adds one"
                : "the project has several storage endpoints; say which with `endpoint`"
            throw HTTPError.notFound(message)
        }
        return Endpoint(
            id: try row.decode("id"), name: try row.decode("name"), root: URL(filePath: try row.decode("root_path")))
    }

    /// Checks, stores and publishes `body` at `path`, recording `entry` (completed with size) in the same transaction.
    func put(
        _ body: Data, at path: String, in endpoint: Endpoint, expectedSHA256: String?, context: RequestContext,
        audit entry: AuditEntry
    ) async throws -> ObjectAPI.View {
        // The staged name keeps the object's suffix: libnifti tells `.nii` from `.nii.gz` by the name.
        let suffix = path.hasSuffix(".nii.gz") ? ".nii.gz" : path.hasSuffix(".nii") ? ".nii" : ""
        let staged = endpoint.incoming.appending(path: UUID().uuidString + suffix)
        defer { try? FileManager.default.removeItem(at: staged) }
        try write(body, to: staged, path: path)

        let digest = SHA256.hex(body)
        if let expectedSHA256, expectedSHA256.lowercased() != digest {
            throw HTTPError.badRequest(
                "`\(path)` arrived with SHA-256 \(digest) but the client sent \(expectedSHA256); upload it again")
        }
        let nifti = NIfTIIntake.isNIfTIName(path) ? try await NIfTIIntake.check(staged, name: path) : nil
        let target = endpoint.root.appending(path: path)
        var completed = entry
        completed.bytes = Int64(body.count)

        return try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO objects (endpoint_id, path, size, sha256, nifti, written_by, written_by_job)
                VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6::uuid, $7::uuid)
                ON CONFLICT (endpoint_id, path) DO NOTHING RETURNING created_at
                """,
                [
                    endpoint.id, path, Int64(body.count), digest, try nifti.map(Self.json),
                    context.principal.responsibleUserID, context.jobID,
                ])
            guard let row = rows.first else {
                throw HTTPError.conflict("`\(path)` already exists in `\(endpoint.name)`; objects are immutable")
            }
            try await AuditLog.record(completed, on: connection)
            try publish(staged, to: target, path: path)
            return ObjectAPI.View(
                path: path, endpoint: endpoint.name, size: Int64(body.count), sha256: digest, nifti: nifti,
                writtenBy: context.principal.responsibleUserID, writtenByJob: context.jobID,
                createdAt: try row.decode("created_at"))
        }
    }

    private func write(_ body: Data, to staged: URL, path: String) throws {
        do {
            try body.write(to: staged)
        } catch {
            logger.error("staging an upload failed", [.object: path, .error: "\(error)"])
            throw HTTPError(status: 507, code: "storage_unavailable", message: "the storage endpoint refused `\(path)`")
        }
    }

    /// Links the staged file in at `target`; `link` never replaces an existing file, unlike `rename`.
    private func publish(_ staged: URL, to target: URL, path: String) throws {
        let conflict = HTTPError.conflict(
            "`\(path)` collides with an existing object or folder of the same name; choose another path")
        do {
            try FileManager.default.createDirectory(
                at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw conflict
        }
        guard link(staged.path, target.path) == 0 else {
            if errno == EEXIST || errno == ENOTDIR { throw conflict }
            logger.error("publishing an object failed", [.object: path, .error: String(cString: strerror(errno))])
            throw HTTPError(status: 507, code: "storage_unavailable", message: "the storage endpoint refused `\(path)`")
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try APIJSON.encoder().encode(value), as: UTF8.self)
    }
}
