import Foundation
import HTTPServer
import PostgresClient

extension SecretStore {
    /// A change of a secret's state.
    enum Change: Sendable {
        /// Refuse reads and leases until recovered.
        case disable
        /// Soft delete: recoverable for `recoverySeconds`, purgeable after.
        case delete(recoverySeconds: Int)
        /// Make a disabled or deleted (not yet purged) secret active again.
        case recover
    }

    /// Applies `change` to secret `name`; the audit entry says what changed.
    func apply(_ change: Change, projectID: String, name: String, audit: AuditEntry) async throws -> SecretAPI.View {
        try await pool.transaction { connection in
            let row = try await lockedRow(projectID: projectID, name: name, on: connection)
            let detail: String
            switch change {
            case .disable:
                guard row.state == "active" else { throw Self.notActive(name, row.state) }
                try await connection.execute("UPDATE secrets SET state = 'disabled' WHERE id = $1::uuid", [row.id])
                detail = "disabled"
            case .delete(let seconds):
                guard row.state != "deleted" else {
                    throw HTTPError.conflict("secret `\(name)` is already deleted; `haven secret purge` removes it")
                }
                try await connection.execute(
                    """
                    UPDATE secrets SET state = 'deleted', deleted_at = now(),
                        purge_after = now() + make_interval(secs => $2)
                    WHERE id = $1::uuid
                    """, [row.id, seconds])
                detail = "deleted; recoverable for \(seconds) s"
            case .recover:
                guard row.state != "active" else { throw HTTPError.conflict("secret `\(name)` is already active") }
                try await connection.execute(
                    "UPDATE secrets SET state = 'active', deleted_at = NULL, purge_after = NULL WHERE id = $1::uuid",
                    [row.id])
                detail = "recovered from \(row.state)"
            }
            try await AuditLog.record(with(audit, detail: detail), on: connection)
        }
        return try await view(projectID: projectID, name: name)
    }

    /// Removes a deleted secret and all its versions for good, once its recovery window is over.
    func purge(projectID: String, name: String, audit: AuditEntry) async throws {
        try await pool.transaction { connection in
            let row = try await lockedRow(projectID: projectID, name: name, on: connection)
            guard row.state == "deleted" else {
                throw HTTPError.conflict(
                    "secret `\(name)` is \(row.state); only a deleted secret is purged: `haven secret delete` first")
            }
            guard row.purgable else {
                throw HTTPError.conflict(
                    "secret `\(name)` is still in its recovery window; purge it after that, or recover it")
            }
            try await connection.execute("DELETE FROM job_secrets WHERE secret_id = $1::uuid", [row.id])
            try await connection.execute("DELETE FROM secrets WHERE id = $1::uuid", [row.id])
            try await AuditLog.record(with(audit, detail: "purged"), on: connection)
        }
    }

    /// Records the secrets job `jobID` declared, inside its submission's transaction; every one must be active.
    static func declare(_ uses: [SecretAPI.Use], jobID: String, projectID: String, on connection: PostgresConnection)
        async throws
    {
        for use in uses {
            let count = try await connection.execute(
                """
                INSERT INTO job_secrets (job_id, secret_id, name, delivery)
                SELECT $1::uuid, s.id, s.name, $4 FROM secrets s
                WHERE s.project_id = $2::uuid AND s.name = $3 AND s.state = 'active'
                """, [jobID, projectID, use.name, use.delivery.rawValue])
            guard count == 1 else {
                throw HTTPError.badRequest(
                    "field `secrets` names `\(use.name)`, which is not an active secret of this project; "
                        + "`haven secret list` shows them")
            }
        }
    }

    /// The secrets job `jobID` declared.
    func declared(jobID: String) async throws -> [SecretAPI.Use] {
        let rows = try await pool.query(
            "SELECT name, delivery FROM job_secrets WHERE job_id = $1::uuid ORDER BY name", [jobID])
        return try rows.map { row in
            SecretAPI.Use(
                name: try row.decode("name"),
                delivery: SecretAPI.Delivery(rawValue: try row.decode("delivery")) ?? .file)
        }
    }
}
