import Foundation
import HTTPClient
import HTTPServer
import HavenCore
import HavenCrypto
import HavenLogging
import PostgresClient

/// Objects on a project's storage endpoints. An upload arrives staged in a file with its SHA-256; it is checked,
/// then its row, its audit entry and its publication on the backend happen in one transaction, so a failed or cut
/// upload leaves nothing visible.
struct ObjectStore: Sendable {
    let pool: PostgresPool
    let configuration: ServerConfiguration
    let keyring: VaultKeyring
    let logger: Logger
    let client = HTTPClient()

    /// A storage endpoint as the store needs it.
    struct Endpoint: Sendable {
        var id: String
        var name: String
        var kind: String
        var backend: any StorageBackend
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
            SELECT id::text AS id, name, kind, root_path, settings::text AS settings, sealed_credentials,
                   credentials_key, credentials_kek_id
            FROM storage_endpoints
            WHERE project_id = $1::uuid AND ($2::text IS NULL OR name = $2) AND kind <> 'dicom' ORDER BY name
            """, [projectID, name])
        guard rows.count == 1, let row = rows.first else {
            let message =
                rows.isEmpty
                ? "the project has no storage endpoint\(name.map { " named `\($0)`" } ?? ""); an admin adds one"
                : "the project has several storage endpoints; say which with `endpoint`"
            throw HTTPError.notFound(message)
        }
        let endpointName: String = try row.decode("name")
        let kind: String = try row.decode("kind")
        let backend = try backend(kind: kind, row: row, projectID: projectID, name: endpointName)
        return Endpoint(id: try row.decode("id"), name: endpointName, kind: kind, backend: backend)
    }

    private func backend(kind: String, row: PostgresRow, projectID: String, name: String) throws -> any StorageBackend {
        guard kind == "s3" else { return FilesystemBackend(root: URL(filePath: try row.decode("root_path"))) }
        let settings = try APIJSON.decoder().decode(
            S3Backend.Settings.self, from: Data(try row.decode("settings", as: String.self).utf8))
        let sealed = SecretSealer.Sealed(
            sealedValue: try row.decode("sealed_credentials"), wrappedKey: try row.decode("credentials_key"),
            kekID: try row.decode("credentials_kek_id"))
        let opened = try SecretSealer.open(sealed, for: EndpointCredentials.binding(projectID, name), keyring: keyring)
        let credentials = try APIJSON.decoder().decode(S3Backend.Credentials.self, from: opened)
        return S3Backend(
            settings: settings, credentials: credentials, spoolDirectory: configuration.home.appending(path: "spool"),
            client: client)
    }

    /// Checks, stores and publishes the staged `body` at `path`, recording `entry` (completed with its size) in the
    /// same transaction.
    func put(
        _ body: StreamedBody, at path: String, in endpoint: Endpoint, expectedSHA256: String?, labelMap: Bool = false,
        context: RequestContext, audit entry: AuditEntry
    ) async throws -> ObjectAPI.View {
        if let expectedSHA256, expectedSHA256.lowercased() != body.sha256 {
            throw HTTPError.badRequest(
                "`\(path)` arrived with SHA-256 \(body.sha256) but the client sent \(expectedSHA256); nothing was "
                    + "stored; upload it again")
        }
        let nifti =
            NIfTIIntake.isNIfTI(body.file, name: path)
            ? try await NIfTIIntake.check(body.file, name: path, labelMap: labelMap) : nil
        var completed = entry
        completed.bytes = body.byteCount

        return try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO objects (endpoint_id, path, size, sha256, nifti, written_by, written_by_job)
                VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6::uuid, $7::uuid)
                ON CONFLICT (endpoint_id, path) DO NOTHING RETURNING created_at
                """,
                [
                    endpoint.id, path, body.byteCount, body.sha256, try nifti.map(Self.json),
                    context.principal.responsibleUserID, context.jobID,
                ])
            guard let row = rows.first else {
                throw HTTPError.conflict(
                    "`\(path)` already exists in `\(endpoint.name)` (or was deleted and is kept until its retention "
                        + "ends); objects are immutable, so choose another path")
            }
            try await AuditLog.record(completed, on: connection)
            try await publish(body, as: path, in: endpoint)
            return ObjectAPI.View(
                path: path, endpoint: endpoint.name, size: body.byteCount, sha256: body.sha256, nifti: nifti,
                writtenBy: context.principal.responsibleUserID, writtenByJob: context.jobID,
                createdAt: try row.decode("created_at"))
        }
    }

    private func publish(_ body: StreamedBody, as path: String, in endpoint: Endpoint) async throws {
        do {
            try await endpoint.backend.publish(body.file, as: path, size: body.byteCount, sha256: body.sha256)
        } catch let error where error.code == .exists {
            throw HTTPError.conflict(
                "`\(path)` collides with an existing object or folder of the same name; choose another path")
        } catch {
            logger.error("publishing an object failed", [.object: path, .error: error.description])
            throw HTTPError(status: 507, code: "storage_unavailable", message: "the storage endpoint refused `\(path)`")
        }
    }

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try APIJSON.encoder().encode(value), as: UTF8.self)
    }
}
