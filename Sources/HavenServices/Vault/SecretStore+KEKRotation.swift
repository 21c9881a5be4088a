import Foundation
import PostgresClient

extension SecretStore {
    /// How many data keys one rewrap transaction takes; small, so that row locks are short.
    static let rewrapBatch = 50

    /// Makes `kek` current and rewraps every data key under it, batch by batch, while the vault stays in use.
    ///
    /// The earlier key stays in the keyring, so a reader of a row not yet rewrapped still opens it; each batch
    /// locks its rows, so a row is rewrapped once and a reader sees either the old or the new wrapping.
    /// - Returns: how many data keys were rewrapped.
    func rotateKEK(to kek: KeyEncryptionKey) async throws -> Int {
        keyring.install(kek)
        var total = 0
        while true {
            let count = try await rewrapBatch(to: kek)
            guard count > 0 else { return total }
            total += count
        }
    }

    private func rewrapBatch(to kek: KeyEncryptionKey) async throws -> Int {
        try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT v.secret_id::text AS secret_id, v.version, v.sealed_value, v.wrapped_key, v.kek_id,
                       s.project_id::text AS project_id, s.name
                FROM secret_versions v JOIN secrets s ON s.id = v.secret_id
                WHERE v.kek_id <> $1
                ORDER BY v.secret_id, v.version
                LIMIT $2
                FOR UPDATE OF v
                """, [kek.id, Self.rewrapBatch])
            for row in rows {
                let binding = SecretSealer.Binding(
                    projectID: try row.decode("project_id"), name: try row.decode("name"),
                    version: try row.decode("version"))
                let sealed = SecretSealer.Sealed(
                    sealedValue: try row.decode("sealed_value"), wrappedKey: try row.decode("wrapped_key"),
                    kekID: try row.decode("kek_id"))
                let rewrapped = try SecretSealer.rewrap(sealed, for: binding, keyring: keyring, to: kek)
                try await connection.execute(
                    """
                    UPDATE secret_versions SET wrapped_key = $3, kek_id = $4
                    WHERE secret_id = $1::uuid AND version = $2
                    """, [try row.decode("secret_id", as: String.self), binding.version, rewrapped.wrappedKey, kek.id])
            }
            return rows.count
        }
    }
}
