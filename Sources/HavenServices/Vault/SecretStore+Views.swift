import Foundation
import PostgresClient

extension SecretStore {
    /// Secrets joined with their versions, one row per version, newest version first within a secret.
    static let selectViews = """
        SELECT s.name, s.state, u.name AS created_by, s.created_at, s.deleted_at, s.purge_after,
               v.version, v.kek_id, v.created_at AS version_created_at, v.readable_until
        FROM secrets s
        JOIN users u ON u.id = s.created_by
        JOIN secret_versions v ON v.secret_id = s.id
        """

    /// Groups version rows into one view per secret, in name order.
    func views(_ rows: [PostgresRow]) throws -> [SecretAPI.View] {
        var byName: [String: SecretAPI.View] = [:]
        for row in rows {
            let name: String = try row.decode("name")
            let version = SecretAPI.Version(
                version: try row.decode("version"), kekID: try row.decode("kek_id"),
                createdAt: try row.decode("version_created_at"), readableUntil: try row.decode("readable_until"))
            if byName[name] == nil {
                byName[name] = SecretAPI.View(
                    name: name, state: try row.decode("state"), latestVersion: 0, versions: [],
                    createdBy: try row.decode("created_by"), createdAt: try row.decode("created_at"),
                    deletedAt: try row.decode("deleted_at"), purgeAfter: try row.decode("purge_after"))
            }
            byName[name]?.versions.append(version)
        }
        return byName.values.map { view in
            var sorted = view
            sorted.versions.sort { $0.version > $1.version }
            sorted.latestVersion = sorted.versions.first?.version ?? 0
            return sorted
        }.sorted { $0.name < $1.name }
    }
}
