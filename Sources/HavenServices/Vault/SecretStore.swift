import Foundation
import HTTPServer
import HavenCore
import PostgresClient

/// Secrets in PostgreSQL: each version sealed by ``SecretSealer``; every change audited in its own transaction.
struct SecretStore: Sendable {
    let pool: PostgresPool
    let keyring: VaultKeyring

    /// A secret's row, as reads and state changes need it.
    struct Row: Sendable {
        var id: String
        var state: String
        var purgable: Bool
    }

    /// One version's value, opened.
    struct Opened: Sendable {
        var version: Int
        var value: Data
    }

    /// Creates secret `name` in `projectID` with `value` as version 1.
    func put(_ value: Data, projectID: String, name: String, audit: AuditEntry) async throws -> SecretAPI.View {
        let binding = SecretSealer.Binding(projectID: projectID, name: name, version: 1)
        let sealed = try SecretSealer.seal(value, for: binding, kek: keyring.current)
        try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO secrets (project_id, name, state, created_by) VALUES ($1::uuid, $2, 'active', $3::uuid)
                ON CONFLICT (project_id, name) DO NOTHING RETURNING id::text AS id
                """, [projectID, name, audit.onBehalfOf])
            guard let row = rows.first else {
                throw HTTPError.conflict(
                    "secret `\(name)` exists; `haven secret rotate` adds a version, `haven secret recover` "
                        + "restores a deleted one")
            }
            try await insert(sealed, secretID: try row.decode("id"), version: 1, by: audit, on: connection)
            try await AuditLog.record(with(audit, detail: "version 1"), on: connection)
        }
        return try await view(projectID: projectID, name: name)
    }

    /// Adds a version with `value`; the earlier versions stay readable for `grace` seconds.
    func rotate(_ value: Data, projectID: String, name: String, grace: Int, audit: AuditEntry) async throws
        -> SecretAPI.View
    {
        try await pool.transaction { connection in
            let row = try await lockedRow(projectID: projectID, name: name, on: connection)
            guard row.state == "active" else { throw Self.notActive(name, row.state) }
            let latest = try await connection.query(
                "SELECT max(version) AS version FROM secret_versions WHERE secret_id = $1::uuid", [row.id])
            let version = (try latest.first?.decode("version", as: Int?.self) ?? 0) + 1

            let binding = SecretSealer.Binding(projectID: projectID, name: name, version: version)
            let sealed = try SecretSealer.seal(value, for: binding, kek: keyring.current)
            try await connection.execute(
                """
                UPDATE secret_versions SET readable_until = now() + make_interval(secs => $2)
                WHERE secret_id = $1::uuid AND readable_until IS NULL
                """, [row.id, grace])
            try await insert(sealed, secretID: row.id, version: version, by: audit, on: connection)
            try await AuditLog.record(
                with(audit, detail: "version \(version); earlier versions readable for \(grace) s"), on: connection)
        }
        return try await view(projectID: projectID, name: name)
    }

    /// The latest version, or `version`, of an active secret; one statement reads the whole row, so a reader during
    /// a rotation sees either the old or the new version, never a mix.
    func open(projectID: String, name: String, version: Int?) async throws -> Opened {
        let rows = try await pool.query(
            """
            SELECT s.state, v.version, v.sealed_value, v.wrapped_key, v.kek_id,
                   (v.readable_until IS NULL OR v.readable_until > now()) AS readable
            FROM secrets s JOIN secret_versions v ON v.secret_id = s.id
            WHERE s.project_id = $1::uuid AND s.name = $2 AND ($3::integer IS NULL OR v.version = $3::integer)
            ORDER BY v.version DESC LIMIT 1
            """, [projectID, name, version])
        guard let row = rows.first else {
            let which = version.map { "version \($0) of " } ?? ""
            throw HTTPError.notFound("no \(which)secret `\(name)`; `haven secret list` shows the secrets")
        }
        let state: String = try row.decode("state")
        guard state == "active" else { throw Self.notActive(name, state) }
        let number: Int = try row.decode("version")
        guard try row.decode("readable", as: Bool.self) else {
            throw HTTPError(
                status: 410, code: "gone",
                message: "version \(number) of secret `\(name)` was rotated out and its grace period is over; "
                    + "read the latest version")
        }

        let sealed = SecretSealer.Sealed(
            sealedValue: try row.decode("sealed_value"), wrappedKey: try row.decode("wrapped_key"),
            kekID: try row.decode("kek_id"))
        let binding = SecretSealer.Binding(projectID: projectID, name: name, version: number)
        do {
            return Opened(version: number, value: try SecretSealer.open(sealed, for: binding, keyring: keyring))
        } catch {
            throw HTTPError(status: 500, code: "vault_" + error.code.rawValue, message: error.message)
        }
    }

    /// The project's secrets with their versions, oldest name first; values are never read here.
    func list(projectID: String) async throws -> [SecretAPI.View] {
        let rows = try await pool.query(Self.selectViews + " WHERE s.project_id = $1::uuid", [projectID])
        return try views(rows)
    }

    /// One secret's metadata.
    func view(projectID: String, name: String) async throws -> SecretAPI.View {
        let rows = try await pool.query(
            Self.selectViews + " WHERE s.project_id = $1::uuid AND s.name = $2", [projectID, name])
        guard let view = try views(rows).first else {
            throw HTTPError.notFound("no secret `\(name)`; `haven secret list` shows the secrets")
        }
        return view
    }

    func lockedRow(projectID: String, name: String, on connection: PostgresConnection) async throws -> Row {
        let rows = try await connection.query(
            """
            SELECT id::text AS id, state, (purge_after IS NOT NULL AND purge_after <= now()) AS purgable
            FROM secrets WHERE project_id = $1::uuid AND name = $2 FOR UPDATE
            """, [projectID, name])
        guard let row = rows.first else {
            throw HTTPError.notFound("no secret `\(name)`; `haven secret list` shows the secrets")
        }
        return Row(id: try row.decode("id"), state: try row.decode("state"), purgable: try row.decode("purgable"))
    }

    func with(_ audit: AuditEntry, detail: String) -> AuditEntry {
        var entry = audit
        entry.detail = detail
        return entry
    }

    static func notActive(_ name: String, _ state: String) -> HTTPError {
        .conflict("secret `\(name)` is \(state); `haven secret recover` makes it active again")
    }

    private func insert(
        _ sealed: SecretSealer.Sealed, secretID: String, version: Int, by audit: AuditEntry,
        on connection: PostgresConnection
    ) async throws {
        try await connection.execute(
            """
            INSERT INTO secret_versions (secret_id, version, sealed_value, wrapped_key, kek_id, created_by)
            VALUES ($1::uuid, $2, $3, $4, $5, $6::uuid)
            """, [secretID, version, sealed.sealedValue, sealed.wrappedKey, sealed.kekID, audit.onBehalfOf])
    }
}
