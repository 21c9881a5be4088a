import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addSessionRoutes(to router: inout Router) {
        router.add("POST", "/v1/projects/:project/sessions") { [self] request in try await startSession(request) }
        router.add("GET", "/v1/projects/:project/sessions") { [self] request in
            let context = try await authenticator.authenticate(request)
            let project = try await project(named: request.pathParameters["project"] ?? "")
            try await authorize(
                context, AccessRequest(action: .jobRead, projectID: project.id), resource: "\(project.name)/sessions")
            return try APIJSON.response(try await SessionStore(pool: pool).sessions(projectID: project.id))
        }
        router.add("GET", "/v1/sessions/:session") { [self] request in
            let (_, session, _) = try await sessionRequest(request, .jobRead)
            return try APIJSON.response(session.view)
        }
        router.add("POST", "/v1/sessions/:session/extend") { [self] request in
            let (context, session, decision) = try await sessionRequest(request, .sessionExtend)
            let body = try decodeBody(request, as: SessionAPI.Extend.self)
            let view = try await SessionStore(pool: pool).extend(
                session, by: body.hours, quota: quotaSource.quota(forProject: session.view.project),
                context: context, rule: decision.rule)
            return try APIJSON.response(view)
        }
        router.add("POST", "/v1/sessions/:session/connect") { [self] request in
            let (context, session, decision) = try await sessionRequest(request, .sessionConnect)
            let connection = try await SessionStore(pool: pool).connect(
                session, context: context, rule: decision.rule)
            return try APIJSON.response(connection)
        }
        addGatewayRoutes(to: &router)
    }

    /// The routes a session's runner uses with its job token: where the gateway listens, and redeeming a token.
    private func addGatewayRoutes(to router: inout Router) {
        router.add("POST", "/v1/sessions/:session/gateway") { [self] request in
            let (_, session, _) = try await sessionRequest(request, .jobReport)
            let body = try decodeBody(request, as: SessionAPI.Gateway.self)
            try await SessionStore(pool: pool).setGateway(body.address, sessionID: session.view.id)
            return try APIJSON.response(try await SessionStore(pool: pool).session(id: session.view.id).view)
        }
        router.add("POST", "/v1/sessions/:session/redeem") { [self] request in
            let (context, session, decision) = try await sessionRequest(request, .jobReport)
            let body = try decodeBody(request, as: SessionAPI.Redeem.self)
            let redeemed = try await SessionStore(pool: pool).redeem(
                body.token, session: session, context: context, rule: decision.rule)
            return try APIJSON.response(redeemed)
        }
    }

    /// Authenticates a request about one session and decides `action` on it.
    private func sessionRequest(_ request: HTTPRequest, _ action: Action) async throws
        -> (RequestContext, SessionStore.Record, AccessDecision)
    {
        let context = try await authenticator.authenticate(request)
        let session = try await SessionStore(pool: pool).session(id: request.pathParameters["session"] ?? "")
        let decision = try await authorize(
            context, AccessRequest(action: action, projectID: session.projectID, jobID: session.view.id),
            resource: "job:" + session.view.id)
        return (context, session, decision)
    }

    private func startSession(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let body = try decodeBody(request, as: SessionAPI.Start.self)
        let decision = try await authorize(
            context, AccessRequest(action: .sessionStart, projectID: project.id), resource: "\(project.name)/sessions")
        let submit = JobAPI.Submit(
            kind: .session, runtime: body.app.rawValue, pool: body.pool, endpoint: body.endpoint,
            inputs: body.inputs ?? [], gpus: body.gpus, hours: body.hours, idempotencyKey: body.idempotencyKey)
        var limited = submit
        limited.maxRetries = 0
        try Self.validateCompute(limited)
        let endpoint = try await objects.endpoint(projectID: project.id, named: body.endpoint)
        for input in submit.inputs {
            _ = try await objects.view(at: input, in: endpoint)
        }
        let quota = quotaSource.quota(forProject: project.name)
        let idle = quota.sessionIdleMinutes ?? ProjectQuota.defaultSessionIdleMinutes
        let job = try await JobStore(pool: pool).submit(
            limited, project: project, endpoint: endpoint, quota: quota, context: context, rule: decision.rule
        ) { jobID, connection in
            try await SessionStore.insert(jobID: jobID, app: body.app, idleMinutes: idle, on: connection)
        }
        return try APIJSON.response(try await SessionStore(pool: pool).session(id: job.id).view, status: 201)
    }
}
