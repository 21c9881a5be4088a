import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    /// Registers an S3-compatible bucket as a storage endpoint; its key pair is sealed with the vault's envelope
    /// scheme before it reaches the database and is never returned.
    func createS3Storage(
        _ body: ProjectAPI.CreateStorage, project: ProjectAPI.View, context: RequestContext
    ) async throws -> HTTPResponse {
        guard let s3 = body.s3 else {
            throw HTTPError.badRequest("kind `s3` needs the field `s3` with url, bucket, accessKeyID, secretAccessKey")
        }
        let settings = try Self.s3Settings(s3)
        let resource = "\(project.name)/storage/\(body.name)"
        let decision = try await authorize(
            context, AccessRequest(action: .storageCreate, projectID: project.id), resource: resource)
        let credentials = S3Backend.Credentials(accessKeyID: s3.accessKeyID, secretAccessKey: s3.secretAccessKey)
        let sealed = try SecretSealer.seal(
            try APIJSON.encoder().encode(credentials), for: EndpointCredentials.binding(project.id, body.name),
            kek: vault.keyring.current)

        let storage = try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO storage_endpoints (project_id, name, kind, root_path, settings, sealed_credentials,
                                               credentials_key, credentials_kek_id)
                VALUES ($1::uuid, $2, 's3', '', $3::jsonb, $4, $5, $6)
                ON CONFLICT (project_id, name) DO NOTHING RETURNING id::text AS id
                """,
                [
                    project.id, body.name, try ObjectStore.json(settings), sealed.sealedValue, sealed.wrappedKey,
                    sealed.kekID,
                ])
            guard let row = rows.first else {
                throw HTTPError.conflict("project `\(project.name)` already has storage named `\(body.name)`")
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .storageCreate, resource: resource, projectID: project.id, outcome: .success,
                    rule: decision.rule, detail: "s3 \(settings.url)/\(settings.bucket)"),
                on: connection)
            return ProjectAPI.Storage(
                id: try row.decode("id"), name: body.name, kind: "s3",
                path: "\(settings.url)/\(settings.bucket)/\(settings.prefix)")
        }
        return try APIJSON.response(storage, status: 201)
    }

    private static func s3Settings(_ s3: ProjectAPI.S3) throws -> S3Backend.Settings {
        guard let url = URL(string: s3.url), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
            url.query == nil, url.user == nil
        else {
            throw HTTPError.badRequest(
                "field `s3.url` is `\(s3.url)`; give the service's base URL, such as "
                    + "`https://s3.eu-west-1.amazonaws.com`"
            )
        }
        let bucketCharacters = s3.bucket.allSatisfy {
            ($0.isASCII && ($0.isLowercase || $0.isNumber)) || "-.".contains($0)
        }
        guard (3...63).contains(s3.bucket.count), bucketCharacters else {
            throw HTTPError.badRequest(
                "field `s3.bucket` is `\(s3.bucket)`; bucket names have 3 to 63 lowercase letters, digits, `-` and `.`")
        }
        let prefix = s3.prefix ?? ""
        if !prefix.isEmpty, let problem = ObjectPath.problem(in: String(prefix.dropLast(prefix.hasSuffix("/") ? 1 : 0)))
        {
            throw HTTPError.badRequest("field `s3.prefix`: \(problem)")
        }
        guard !s3.accessKeyID.isEmpty, !s3.secretAccessKey.isEmpty else {
            throw HTTPError.badRequest("fields `s3.accessKeyID` and `s3.secretAccessKey` must not be empty")
        }
        return S3Backend.Settings(url: s3.url, bucket: s3.bucket, region: s3.region ?? "us-east-1", prefix: prefix)
    }
}
