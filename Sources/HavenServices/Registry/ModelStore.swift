import Foundation
import HTTPServer
import HavenCore
import PostgresClient

/// Model versions in PostgreSQL: registration, reads, attached evaluation reports and lifecycle transitions.
struct ModelStore: Sendable {
    let pool: PostgresPool

    static let selectView = """
        SELECT m.id::text AS id, p.name AS project, m.name, m.version, m.runtime, m.training_job, m.dataset,
               m.source_objects, m.description, m.state, u.name AS registered_by, m.registered_at,
               m.state_changed_at
        FROM models m
        JOIN projects p ON p.id = m.project_id
        JOIN users u ON u.id = m.registered_by
        """

    static let selectEvaluations = """
        SELECT e.model_id::text AS model_id, e.job_id::text AS job_id, e.report_path, u.name AS attached_by,
               e.attached_at
        FROM model_evaluations e
        JOIN models m ON m.id = e.model_id
        JOIN users u ON u.id = e.attached_by
        """

    /// The project's model versions by name, then registration order.
    func models(projectID: String) async throws -> [ModelAPI.View] {
        let rows = try await pool.query(
            Self.selectView + " WHERE m.project_id = $1::uuid ORDER BY m.name, m.registered_at", [projectID])
        let evaluations = try await pool.query(
            Self.selectEvaluations + " WHERE m.project_id = $1::uuid ORDER BY e.attached_at", [projectID])
        return try Self.views(rows, evaluations: evaluations)
    }

    /// One model version, or a 404 that names it.
    func model(_ reference: ModelReference, projectID: String) async throws -> ModelAPI.View {
        let rows = try await pool.query(
            Self.selectView + " WHERE m.project_id = $1::uuid AND m.name = $2 AND m.version = $3",
            [projectID, reference.name, reference.version])
        guard !rows.isEmpty else { throw Self.unknown(reference) }
        let evaluations = try await pool.query(
            Self.selectEvaluations + " WHERE m.project_id = $1::uuid AND m.name = $2 AND m.version = $3"
                + " ORDER BY e.attached_at", [projectID, reference.name, reference.version])
        return try Self.views(rows, evaluations: evaluations)[0]
    }

    /// The id of a model version a new job with `runtime` may name, read inside the job's own transaction; a
    /// share lock keeps it from being retired before that transaction commits.
    static func usableModelID(
        _ text: String, runtime: String, projectID: String, on connection: PostgresConnection
    ) async throws -> String {
        guard let reference = ModelReference(text) else {
            throw HTTPError.badRequest("field `model` is `\(text)`; name a model version as `name:version`")
        }
        let rows = try await connection.query(
            """
            SELECT id::text AS id, state, runtime FROM models
            WHERE project_id = $1::uuid AND name = $2 AND version = $3 FOR SHARE
            """, [projectID, reference.name, reference.version])
        guard let row = rows.first else { throw unknown(reference) }
        let state = ModelState(rawValue: try row.decode("state")) ?? .retired
        guard state.acceptsNewJobs else {
            throw HTTPError.conflict(
                "model \(reference) is retired and takes no new jobs; `haven model list` shows the usable versions")
        }
        let modelRuntime: String = try row.decode("runtime")
        guard modelRuntime == runtime else {
            throw HTTPError.badRequest(
                "model \(reference) runs with `\(modelRuntime)`, not `\(runtime)`; submit the job with its runtime")
        }
        return try row.decode("id")
    }

    static func unknown(_ reference: ModelReference) -> HTTPError {
        HTTPError.notFound(
            "no model version `\(reference)` in this project; `haven model list` shows the registered versions")
    }

    static func views(_ rows: [PostgresRow], evaluations: [PostgresRow]) throws -> [ModelAPI.View] {
        var attached: [String: [ModelAPI.Evaluation]] = [:]
        for row in evaluations {
            let evaluation = try ModelAPI.Evaluation(
                job: row.decode("job_id"), reportPath: row.decode("report_path"),
                attachedBy: row.decode("attached_by"), attachedAt: row.decode("attached_at"))
            attached[try row.decode("model_id", as: String.self), default: []].append(evaluation)
        }
        return try rows.map { row in
            let id: String = try row.decode("id")
            return try ModelAPI.View(
                id: id, project: row.decode("project"), name: row.decode("name"), version: row.decode("version"),
                runtime: row.decode("runtime"), trainingJob: row.decode("training_job"),
                dataset: row.decode("dataset"), objects: row.decode("source_objects"),
                description: row.decode("description"),
                state: ModelState(rawValue: row.decode("state")) ?? .retired,
                registeredBy: row.decode("registered_by"), registeredAt: row.decode("registered_at"),
                stateChangedAt: row.decode("state_changed_at"), evaluations: attached[id] ?? [])
        }
    }
}
