import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension ModelStore {
    /// Registers a candidate version; each change is audited in its own transaction.
    func register(
        _ body: ModelAPI.Register, project: ProjectAPI.View, context: RequestContext, rule: String
    ) async throws -> ModelAPI.View {
        let reference = ModelReference(name: body.name, version: body.version)
        try await pool.transaction { connection in
            let count = try await connection.execute(
                """
                INSERT INTO models (project_id, name, version, runtime, training_job, dataset, source_objects,
                                    description, registered_by)
                VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9::uuid)
                ON CONFLICT (project_id, name, version) DO NOTHING
                """,
                [
                    project.id, body.name, body.version, body.runtime, body.trainingJob, body.dataset,
                    body.objects ?? [], body.description ?? "", context.principal.responsibleUserID,
                ])
            guard count == 1 else {
                throw HTTPError.conflict(
                    "model version `\(reference)` is already registered; register the next version instead")
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .modelRegister, resource: "model:\(reference)", projectID: project.id,
                    outcome: .success, rule: rule, detail: "registered with \(body.runtime)"),
                on: connection)
        }
        return try await model(reference, projectID: project.id)
    }

    /// Attaches the report of `job`, a succeeded `segmentation-metrics` job of the same project.
    func attach(
        _ body: ModelAPI.Attach, to reference: ModelReference, project: ProjectAPI.View, context: RequestContext,
        rule: String
    ) async throws -> ModelAPI.View {
        let job = try await JobStore(pool: pool).job(id: body.job)
        let reportPath = try Self.reportPath(body, of: job, projectID: project.id)
        try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO model_evaluations (model_id, job_id, report_path, attached_by)
                SELECT m.id, $4::uuid, $5, $6::uuid FROM models m
                WHERE m.project_id = $1::uuid AND m.name = $2 AND m.version = $3
                ON CONFLICT (model_id, job_id) DO UPDATE SET report_path = EXCLUDED.report_path
                RETURNING model_id::text AS model_id
                """,
                [
                    project.id, reference.name, reference.version, job.id, reportPath,
                    context.principal.responsibleUserID,
                ])
            guard !rows.isEmpty else { throw Self.unknown(reference) }
            try await AuditLog.record(
                AuditEntry(
                    context, .modelRegister, resource: "model:\(reference)", projectID: project.id,
                    outcome: .success, rule: rule, detail: "attached evaluation job:\(job.id) \(reportPath)"),
                on: connection)
        }
        return try await model(reference, projectID: project.id)
    }

    /// Promotes or retires a version through ``ModelLifecycle``; an illegal step is a 409 that says why.
    func apply(
        _ event: ModelEvent, to reference: ModelReference, project: ProjectAPI.View, context: RequestContext,
        rule: String
    ) async throws -> ModelAPI.View {
        try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                SELECT state FROM models WHERE project_id = $1::uuid AND name = $2 AND version = $3 FOR UPDATE
                """, [project.id, reference.name, reference.version])
            guard let row = rows.first else { throw Self.unknown(reference) }
            let state = ModelState(rawValue: try row.decode("state")) ?? .retired
            let next: ModelState
            do {
                next = try ModelLifecycle.next(state, on: event)
            } catch {
                throw HTTPError.conflict("model \(reference) is \(state.rawValue): \(error)")
            }
            try await connection.execute(
                """
                UPDATE models SET state = $4, state_changed_at = now()
                WHERE project_id = $1::uuid AND name = $2 AND version = $3
                """, [project.id, reference.name, reference.version, next.rawValue])
            try await AuditLog.record(
                AuditEntry(
                    context, .modelPromote, resource: "model:\(reference)", projectID: project.id,
                    outcome: .success, rule: rule, detail: "\(event.rawValue): \(state.rawValue) -> \(next.rawValue)"),
                on: connection)
        }
        return try await model(reference, projectID: project.id)
    }

    /// The report object of a finished evaluation job, checked to be one of the job's outputs.
    static func reportPath(_ body: ModelAPI.Attach, of job: JobAPI.View, projectID: String) throws -> String {
        guard job.projectID == projectID else {
            throw HTTPError.badRequest("job \(job.id) belongs to project \(job.project); attach a job of this project")
        }
        guard job.runtime == SegmentationMetricsRuntime().name, job.state == .succeeded else {
            throw HTTPError.badRequest(
                "job \(job.id) is a \(job.state.rawValue) \(job.runtime) job; attach a succeeded "
                    + "segmentation-metrics job")
        }
        let path = body.reportPath ?? job.outputPrefix + "/report.json"
        let outputs = job.result?["outputs"].map { value -> [String] in
            guard case .array(let items) = value else { return [] }
            return items.compactMap(\.stringValue)
        }
        guard outputs?.contains(path) == true else {
            throw HTTPError.badRequest(
                "field `reportPath` is `\(path)`, which job \(job.id) did not write; name one of its outputs")
        }
        return path
    }
}
