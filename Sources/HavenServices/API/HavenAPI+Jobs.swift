import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addJobRoutes(to router: inout Router) {
        router.add("POST", "/v1/projects/:project/jobs") { [self] request in try await submitJob(request) }
        router.add("GET", "/v1/projects/:project/jobs") { [self] request in try await listJobs(request) }
        router.add("GET", "/v1/jobs/:job") { [self] request in
            let context = try await authenticator.authenticate(request)
            let job = try await JobStore(pool: pool).job(id: request.pathParameters["job"] ?? "")
            let access = AccessRequest(action: .jobRead, projectID: job.projectID, jobID: job.id)
            try await authorize(context, access, resource: "job:" + job.id)
            return try APIJSON.response(job)
        }
        router.add("POST", "/v1/jobs/:job/reports") { [self] request in try await report(request) }
        router.add("POST", "/v1/jobs/:job/cancel") { [self] request in
            let context = try await authenticator.authenticate(request)
            let store = JobStore(pool: pool)
            let job = try await store.job(id: request.pathParameters["job"] ?? "")
            let access = AccessRequest(action: .jobCancel, projectID: job.projectID, jobID: job.id)
            let decision = try await authorize(context, access, resource: "job:" + job.id)
            try Self.checkMayStop(job, context)
            return try APIJSON.response(try await store.cancel(job, context: context, rule: decision.rule))
        }
    }

    /// A session is stopped only by its requester or a project owner; a job that has ended says so.
    static func checkMayStop(_ job: JobAPI.View, _ context: RequestContext) throws {
        guard !job.state.isFinal else {
            let noun = job.kind == .session ? "session" : "job"
            throw HTTPError.conflict("\(noun) \(job.id) has already ended (\(job.state.rawValue)); nothing to stop")
        }
        guard job.kind == .session, context.principal.responsibleUserID != job.submittedByID else { return }
        if case .user(_, _, _, let roles) = context.principal, roles[job.projectID] == .owner { return }
        throw HTTPError.forbidden(
            "session \(job.id) belongs to \(job.submittedBy); only they or a project owner may stop it")
    }

    private func submitJob(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let body = try decodeBody(request, as: JobAPI.Submit.self)
        let decision = try await authorize(
            context, AccessRequest(action: .jobSubmit, projectID: project.id), resource: "\(project.name)/jobs")
        guard body.kind != .session else {
            throw HTTPError.badRequest("field `kind` is `session`; start sessions with `haven session start`")
        }
        guard RuntimeCatalog.names.contains(body.runtime) else {
            let known = RuntimeCatalog.names.sorted().joined(separator: ", ")
            throw HTTPError.badRequest("field `runtime` is `\(body.runtime)`; the runtimes are \(known)")
        }
        guard body.model == nil || body.kind == .infer else {
            throw HTTPError.badRequest("field `model` names a model version; only infer jobs run one")
        }
        guard !body.inputs.isEmpty else { throw HTTPError.badRequest("field `inputs` is empty; name at least one") }
        try Self.validateCompute(body)
        for secret in body.secrets ?? [] {
            let access = AccessRequest(action: .secretUse, projectID: project.id, secretName: secret.name)
            try await authorize(context, access, resource: "secret:" + secret.name)
        }
        let endpoint = try await objects.endpoint(projectID: project.id, named: body.endpoint)
        for input in body.inputs {
            _ = try await objects.view(at: input, in: endpoint)
        }

        let job = try await JobStore(pool: pool).submit(
            body, project: project, endpoint: endpoint, quota: quotaSource.quota(forProject: project.name),
            context: context, rule: decision.rule)
        return try APIJSON.response(job, status: 201)
    }

    /// Checks the compute fields of a submission: GPUs, time limit, retries and idempotency key.
    static func validateCompute(_ body: JobAPI.Submit) throws {
        guard (0...64).contains(body.gpus ?? 0) else {
            throw HTTPError.badRequest("field `gpus` is \(body.gpus ?? 0); ask for 0 to 64 GPUs")
        }
        if let hours = body.hours, !(hours > 0 && hours <= Double(JobAPI.longestHours)) {
            throw HTTPError.badRequest(
                "field `hours` is \(hours); give a time limit above 0 and at most \(JobAPI.longestHours) hours")
        }
        guard (0...10).contains(body.maxRetries ?? 0) else {
            throw HTTPError.badRequest("field `maxRetries` is \(body.maxRetries ?? 0); allow 0 to 10 retries")
        }
        if let key = body.idempotencyKey, key.isEmpty || key.utf8.count > 200 {
            throw HTTPError.badRequest(
                "field `idempotencyKey` has \(key.utf8.count) bytes; use 1 to 200 bytes, the same for every retry")
        }
    }

    private func listJobs(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        try await authorize(
            context, AccessRequest(action: .jobRead, projectID: project.id), resource: "\(project.name)/jobs")
        return try APIJSON.response(try await JobStore(pool: pool).jobs(projectID: project.id))
    }

    private func report(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let store = JobStore(pool: pool)
        let job = try await store.job(id: request.pathParameters["job"] ?? "")
        let body = try decodeBody(request, as: JobAPI.Report.self)
        let decision = try await authorize(
            context, AccessRequest(action: .jobReport, projectID: job.projectID, jobID: job.id),
            resource: "job:" + job.id)
        let updated = try await store.apply(body, to: job, context: context, rule: decision.rule)
        return try APIJSON.response(updated)
    }
}
