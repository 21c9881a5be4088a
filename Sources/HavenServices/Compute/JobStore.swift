import Foundation
import HTTPServer
import HavenCore
import PostgresClient

/// Jobs in PostgreSQL: submission, reads, reports from runners, and placement claims.
struct JobStore: Sendable {
    let pool: PostgresPool

    /// The channel that wakes pool drivers when a job is queued.
    static let queuedChannel = "haven_jobs_queued"
    /// The channel that tells pool drivers to stop a cancelled job's runner; the payload is the job id.
    static let cancelledChannel = "haven_jobs_cancelled"

    static let selectView = """
        SELECT j.id::text AS id, p.name AS project, j.project_id::text AS project_id, e.name AS endpoint,
               n.name AS pool, j.kind, j.runtime, j.parameters::text AS parameters, j.inputs, j.output_prefix,
               u.name AS submitted_by, j.submitted_by::text AS submitted_by_id, j.state, j.attempt, j.gpus,
               j.progress, j.message,
               j.device, j.result::text AS result, j.submitted_at, j.started_at, j.ended_at,
               mv.name || ':' || mv.version AS model
        FROM jobs j
        JOIN projects p ON p.id = j.project_id
        JOIN storage_endpoints e ON e.id = j.endpoint_id
        JOIN node_pools n ON n.id = j.pool_id
        JOIN users u ON u.id = j.submitted_by
        LEFT JOIN models mv ON mv.id = j.model_id
        """

    func job(id: String) async throws -> JobAPI.View {
        guard UUID(uuidString: id) != nil else {
            throw HTTPError.badRequest("`\(id)` is not a job id; job ids are UUIDs as `haven job list` shows")
        }
        let rows = try await pool.query(Self.selectView + " WHERE j.id = $1::uuid", [id])
        guard let row = rows.first else { throw HTTPError.notFound("no job `\(id)`") }
        return try Self.view(row)
    }

    func jobs(projectID: String) async throws -> [JobAPI.View] {
        let rows = try await pool.query(
            Self.selectView + " WHERE j.project_id = $1::uuid ORDER BY j.submitted_at", [projectID])
        return try rows.map(Self.view)
    }

    /// The job `userID` submitted with `idempotencyKey`, if any.
    func job(idempotencyKey: String?, userID: String) async throws -> JobAPI.View? {
        guard let idempotencyKey else { return nil }
        let rows = try await pool.query(
            Self.selectView + " WHERE j.submitted_by = $1::uuid AND j.idempotency_key = $2", [userID, idempotencyKey])
        return try rows.first.map(Self.view)
    }

    static func view(_ row: PostgresRow) throws -> JobAPI.View {
        let decoder = APIJSON.decoder()
        let parameters = try decoder.decode(
            [String: JSONValue].self, from: Data(try row.decode("parameters", as: String.self).utf8))
        let result = try row.decode("result", as: String?.self).map {
            try decoder.decode(JSONValue.self, from: Data($0.utf8))
        }
        return try JobAPI.View(
            id: row.decode("id"), project: row.decode("project"), projectID: row.decode("project_id"),
            endpoint: row.decode("endpoint"), pool: row.decode("pool"),
            kind: JobKind(rawValue: row.decode("kind")) ?? .infer, runtime: row.decode("runtime"),
            parameters: parameters, model: row.decode("model"), inputs: row.decode("inputs"),
            outputPrefix: row.decode("output_prefix"),
            submittedBy: row.decode("submitted_by"), submittedByID: row.decode("submitted_by_id"),
            state: JobState(rawValue: row.decode("state")) ?? .failed, attempt: row.decode("attempt"),
            gpus: row.decode("gpus"), progress: row.decode("progress"),
            message: row.decode("message"), device: row.decode("device"), result: result,
            submittedAt: row.decode("submitted_at"), startedAt: row.decode("started_at"),
            endedAt: row.decode("ended_at"))
    }
}
