import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension JobStore {
    /// What became of a submission inside its transaction.
    private enum Submission: Sendable {
        case stored(poolID: String)
        /// Nothing inserted: the idempotency key was used already, or the pool does not exist.
        case notInserted
        case refused(String)
    }

    /// Admits a job by its project's quota, stores it and queues its first attempt; with an idempotency key the
    /// same user used already, returns that job instead. A refusal is audited and names the limit. `also` stores
    /// what belongs with the new job (a session's settings) in the same transaction.
    func submit(
        _ body: JobAPI.Submit, project: ProjectAPI.View, endpoint: ObjectStore.Endpoint, quota: ProjectQuota,
        context: RequestContext, rule: String,
        also: @Sendable (_ jobID: String, PostgresConnection) async throws -> Void = { _, _ in }
    ) async throws -> JobAPI.View {
        let userID = context.principal.responsibleUserID
        if let existing = try await job(idempotencyKey: body.idempotencyKey, userID: userID) { return existing }
        try await checkFits(gpus: body.gpus ?? 0, onPool: body.pool)
        let id = UUID().uuidString.lowercased()
        let outcome = try await pool.transaction { connection in
            try await submit(
                body, id: id, project: project, endpoint: endpoint, quota: quota, context: context,
                rule: rule, also: also, on: connection)
        }
        switch outcome {
        case .stored:
            return try await job(id: id)
        case .notInserted:
            if let existing = try await job(idempotencyKey: body.idempotencyKey, userID: userID) { return existing }
            throw HTTPError.notFound("no node pool named `\(body.pool)`; `haven pool list` shows the pools")
        case .refused(let reason):
            try await AuditLog.record(
                AuditEntry(
                    context, .jobSubmit, resource: "\(project.name)/jobs", projectID: project.id, outcome: .denied,
                    rule: "quota", detail: reason),
                in: pool)
            throw HTTPError.forbidden("project \(project.name) refused the job by quota: " + reason)
        }
    }

    private func submit(
        _ body: JobAPI.Submit, id: String, project: ProjectAPI.View, endpoint: ObjectStore.Endpoint,
        quota: ProjectQuota, context: RequestContext, rule: String,
        also: @Sendable (String, PostgresConnection) async throws -> Void, on connection: PostgresConnection
    ) async throws -> Submission {
        var lifecycle = JobLifecycle(retryPolicy: RetryPolicy(maxRetries: body.maxRetries ?? 2))
        let request = ComputeRequest(kind: body.kind, gpus: body.gpus ?? 0, hours: body.hours)
        if let reason = try await Self.admissionRefusal(request, projectID: project.id, quota: quota, on: connection) {
            _ = try lifecycle.handle(.refused(reason: reason))
            return .refused(reason)
        }
        let admitted = try lifecycle.handle(.admitted)
        var modelID: String?
        if let model = body.model {
            modelID = try await ModelStore.usableModelID(
                model, runtime: body.runtime, projectID: project.id, on: connection)
        }
        let rows = try await connection.query(
            """
            INSERT INTO jobs (id, project_id, endpoint_id, pool_id, kind, runtime, parameters, inputs, output_prefix,
                              submitted_by, state, model_id, gpus, time_limit_hours, max_retries, idempotency_key)
            SELECT $1::uuid, $2::uuid, $3::uuid, n.id, $5, $6, $7::jsonb, $8, $9, $10::uuid, $11, $12::uuid,
                   $13, $14, $15, $16
            FROM node_pools n WHERE n.name = $4
            ON CONFLICT (submitted_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING pool_id::text AS pool_id
            """,
            [
                id, project.id, endpoint.id, body.pool, body.kind.rawValue, body.runtime,
                try ObjectStore.json(body.parameters ?? [:]), body.inputs, "jobs/" + id,
                context.principal.responsibleUserID, admitted.state.rawValue, modelID, request.gpus, body.hours,
                lifecycle.retryPolicy.maxRetries, body.idempotencyKey,
            ])
        guard let poolID: String = try rows.first?.decode("pool_id") else { return .notInserted }
        try await SecretStore.declare(body.secrets ?? [], jobID: id, projectID: project.id, on: connection)
        try await also(id, connection)
        try await AuditLog.record(
            AuditEntry(
                context, body.kind == .session ? .sessionStart : .jobSubmit, resource: "job:" + id,
                projectID: project.id, outcome: .success, rule: rule,
                detail: "\(body.kind.rawValue) with \(body.runtime) on \(body.pool)"
                    + (body.model.map { " model " + $0 } ?? "")),
            on: connection)
        try await PlacementQueue.enqueue(jobID: id, attempt: admitted.attempt, poolID: poolID, on: connection)
        return .stored(poolID: poolID)
    }

    /// Refuses a job that asks for more GPUs than one node of its pool has, when the pool says how many: it would
    /// wait for ever.
    private func checkFits(gpus: Int, onPool name: String) async throws {
        let rows = try await pool.query("SELECT gpus_per_node FROM node_pools WHERE name = $1", [name])
        guard let perNode: Int = try rows.first?.decode("gpus_per_node"), perNode > 0, gpus > perNode else { return }
        throw HTTPError.badRequest(
            "field `gpus` is \(gpus) but the nodes of pool \(name) have \(perNode) GPU(s) each, and a job runs on one"
                + " node; ask for at most \(perNode)")
    }

    /// Why `request` does not fit the project's quota, or `nil`. With any limit set, the project row is locked
    /// first so that concurrent submissions of one project are admitted one after another.
    static func admissionRefusal(
        _ request: ComputeRequest, projectID: String, quota: ProjectQuota, on connection: PostgresConnection
    ) async throws -> String? {
        guard quota != ProjectQuota() else { return nil }
        try await connection.execute("SELECT 1 FROM projects WHERE id = $1::uuid FOR UPDATE", [projectID])
        let usage = try await UsageLedger.projectUsage(projectID: projectID, on: connection)
        return QuotaAdmission.refusal(request, usage: usage, quota: quota)
    }
}
