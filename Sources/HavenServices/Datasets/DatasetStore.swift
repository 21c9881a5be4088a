import Foundation
import HTTPServer
import HavenCore
import HavenCrypto
import PostgresClient

/// Datasets and their immutable versions: each version checks that its objects exist, pins their SHA-256, computes
/// its split and stores the whole manifest in one transaction with its audit entry.
struct DatasetStore: Sendable {
    let pool: PostgresPool
    let objects: ObjectStore

    /// The label schema a request names, by id; ids must be whole numbers.
    static func schema(_ body: DatasetAPI.CreateVersion) throws -> [String: String] {
        if body.schemaPreset == "totalsegmentator-v2-vertebrae" {
            return Dictionary(uniqueKeysWithValues: (25...50).map { (String($0), VertebraLabels.name($0) ?? "") })
        }
        if let preset = body.schemaPreset {
            throw HTTPError.badRequest(
                "field `schemaPreset` is `\(preset)`; the known preset is `totalsegmentator-v2-vertebrae`")
        }
        guard let schema = body.labelSchema, !schema.isEmpty else {
            throw HTTPError.badRequest("give `labelSchema` (label id to name) or `schemaPreset`")
        }
        if let bad = schema.keys.first(where: { Int($0) == nil }) {
            throw HTTPError.badRequest("label schema id `\(bad)` is not a whole number; use ids such as `25`")
        }
        return schema
    }

    /// Makes the next version of dataset `name` (creating the dataset at version 1).
    func createVersion(
        _ body: DatasetAPI.CreateVersion, name: String, projectID: String, endpoint: ObjectStore.Endpoint,
        audit entry: AuditEntry
    ) async throws -> DatasetAPI.Manifest {
        let schema = try Self.schema(body)
        if let problem = body.split.problem { throw HTTPError.badRequest(problem) }
        try Self.checkCases(body.cases)
        let stored = try await pin(body.cases, in: endpoint)
        let membership = body.split.assign(body.cases.map(\.id))
        let membershipSHA = SHA256.hex(Data(DatasetSplit.membershipText(membership).utf8))
        var manifest = DatasetAPI.Manifest(
            dataset: name, version: 0, endpoint: endpoint.name, labelSchema: schema, cases: stored,
            split: body.split, membership: Dictionary(uniqueKeysWithValues: membership.map { ($0.name, $0.members) }),
            membershipSHA256: membershipSHA, createdAt: nil)

        return try await pool.transaction { connection in
            let datasetID = try await datasetID(name, projectID: projectID, by: entry.onBehalfOf, on: connection)
            let rows = try await connection.query(
                "SELECT coalesce(max(version), 0) + 1 AS next FROM dataset_versions WHERE dataset_id = $1::uuid",
                [datasetID])
            manifest.version = try rows[0].decode("next", as: Int.self)
            let json = try ObjectStore.json(manifest)
            let created = try await connection.query(
                """
                INSERT INTO dataset_versions (dataset_id, version, endpoint_id, manifest, manifest_sha256, created_by)
                VALUES ($1::uuid, $2, $3::uuid, $4::jsonb, $5, $6::uuid) RETURNING created_at
                """,
                [datasetID, manifest.version, endpoint.id, json, SHA256.hex(Data(json.utf8)), entry.onBehalfOf])
            manifest.createdAt = try created[0].decode("created_at")
            var completed = entry
            completed.detail = "version \(manifest.version), \(stored.count) cases, membership \(membershipSHA)"
            try await AuditLog.record(completed, on: connection)
            return manifest
        }
    }

    /// Version `version` of dataset `name`.
    func manifest(name: String, version: Int, projectID: String) async throws -> DatasetAPI.Manifest {
        let rows = try await pool.query(
            """
            SELECT v.manifest::text AS manifest, v.created_at
            FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id
            WHERE d.project_id = $1::uuid AND d.name = $2 AND v.version = $3
            """, [projectID, name, version])
        guard let row = rows.first else {
            throw HTTPError.notFound("dataset `\(name)` has no version \(version)")
        }
        var manifest = try APIJSON.decoder().decode(
            DatasetAPI.Manifest.self, from: Data(try row.decode("manifest", as: String.self).utf8))
        manifest.createdAt = try row.decode("created_at")
        return manifest
    }

    private static func checkCases(_ cases: [DatasetAPI.Case]) throws {
        guard !cases.isEmpty else { throw HTTPError.badRequest("field `cases` is empty; list image/label pairs") }
        var seen = Set<String>()
        for item in cases {
            guard !item.id.isEmpty, seen.insert(item.id).inserted else {
                throw HTTPError.badRequest("case id `\(item.id)` is empty or repeated; give each case its own id")
            }
            for path in [item.image, item.label] {
                if let problem = ObjectPath.problem(in: path) {
                    throw HTTPError.badRequest("case `\(item.id)`: \(problem)")
                }
            }
        }
    }

    /// Each case's objects with their SHA-256; a missing object is a 400 that names the case and the path.
    private func pin(_ cases: [DatasetAPI.Case], in endpoint: ObjectStore.Endpoint) async throws
        -> [DatasetAPI.StoredCase]
    {
        let paths = Array(Set(cases.flatMap { [$0.image, $0.label] }))
        let rows = try await pool.query(
            """
            SELECT path, sha256 FROM objects
            WHERE endpoint_id = $1::uuid AND path = ANY($2::text[]) AND deleted_at IS NULL
            """, [endpoint.id, paths])
        var digests: [String: String] = [:]
        for row in rows { digests[try row.decode("path")] = try row.decode("sha256") }
        return try cases.map { item in
            guard let image = digests[item.image], let label = digests[item.label] else {
                let missing = digests[item.image] == nil ? item.image : item.label
                throw HTTPError.badRequest(
                    "case `\(item.id)` names `\(missing)`, which is not in storage `\(endpoint.name)`; upload it first")
            }
            return DatasetAPI.StoredCase(
                id: item.id, image: item.image, imageSHA256: image, label: item.label, labelSHA256: label)
        }
    }

    private func datasetID(
        _ name: String, projectID: String, by userID: String?, on connection: PostgresConnection
    ) async throws -> String {
        let rows = try await connection.query(
            """
            INSERT INTO datasets (project_id, name, created_by) VALUES ($1::uuid, $2, $3::uuid)
            ON CONFLICT (project_id, name) DO UPDATE SET name = excluded.name RETURNING id::text AS id
            """, [projectID, name, userID])
        // Serialises concurrent versions of one dataset until the transaction ends.
        try await connection.execute(
            "SELECT 1 FROM datasets WHERE id = $1::uuid FOR UPDATE", [rows[0].decode("id", as: String.self)])
        return try rows[0].decode("id")
    }
}
