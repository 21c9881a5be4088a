import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addModelRoutes(to router: inout Router) {
        router.add("POST", "/v1/projects/:project/models") { [self] request in try await registerModel(request) }
        router.add("GET", "/v1/projects/:project/models") { [self] request in
            let context = try await authenticator.authenticate(request)
            let project = try await project(named: request.pathParameters["project"] ?? "")
            try await authorize(
                context, AccessRequest(action: .modelRead, projectID: project.id), resource: "\(project.name)/models")
            return try APIJSON.response(try await ModelStore(pool: pool).models(projectID: project.id))
        }
        router.add("GET", "/v1/projects/:project/models/:model") { [self] request in
            let context = try await authenticator.authenticate(request)
            let (project, reference) = try await modelTarget(request)
            try await authorize(
                context, AccessRequest(action: .modelRead, projectID: project.id), resource: "model:\(reference)")
            return try APIJSON.response(try await ModelStore(pool: pool).model(reference, projectID: project.id))
        }
        router.add("POST", "/v1/projects/:project/models/:model/evaluations") { [self] request in
            try await attachEvaluation(request)
        }
        router.add("POST", "/v1/projects/:project/models/:model/transitions") { [self] request in
            try await transitionModel(request)
        }
    }

    private func registerModel(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let body = try decodeBody(request, as: ModelAPI.Register.self)
        try Validation.name(body.name, field: "name")
        try Self.validateVersion(body.version)
        let decision = try await authorize(
            context, AccessRequest(action: .modelRegister, projectID: project.id), resource: "\(project.name)/models")
        guard RuntimeCatalog.names.contains(body.runtime) else {
            let known = RuntimeCatalog.names.sorted().joined(separator: ", ")
            throw HTTPError.badRequest("field `runtime` is `\(body.runtime)`; the runtimes are \(known)")
        }

        let model = try await ModelStore(pool: pool).register(
            body, project: project, context: context, rule: decision.rule)
        return try APIJSON.response(model, status: 201)
    }

    private func attachEvaluation(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let (project, reference) = try await modelTarget(request)
        let body = try decodeBody(request, as: ModelAPI.Attach.self)
        let decision = try await authorize(
            context, AccessRequest(action: .modelRegister, projectID: project.id), resource: "model:\(reference)")
        let model = try await ModelStore(pool: pool).attach(
            body, to: reference, project: project, context: context, rule: decision.rule)
        return try APIJSON.response(model)
    }

    private func transitionModel(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let (project, reference) = try await modelTarget(request)
        let body = try decodeBody(request, as: ModelAPI.Transition.self)
        let decision = try await authorize(
            context, AccessRequest(action: .modelPromote, projectID: project.id), resource: "model:\(reference)")
        let model = try await ModelStore(pool: pool).apply(
            body.event, to: reference, project: project, context: context, rule: decision.rule)
        return try APIJSON.response(model)
    }

    /// The project and the `name:version` the path names.
    private func modelTarget(_ request: HTTPRequest) async throws -> (ProjectAPI.View, ModelReference) {
        let text = request.pathParameters["model"] ?? ""
        guard let reference = ModelReference(text) else {
            throw HTTPError.badRequest("`\(text)` is not a model version; name it as `name:version`")
        }
        return (try await project(named: request.pathParameters["project"] ?? ""), reference)
    }

    /// A version: a letter or digit first, then letters, digits, `.`, `_` and `-`, 63 characters at most.
    static func validateVersion(_ version: String) throws {
        let allowed =
            version.first.map { $0.isASCII && ($0.isLetter || $0.isNumber) } == true && version.count <= 63
            && version.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        guard allowed else {
            throw HTTPError.badRequest(
                "field `version` is `\(version)`; use up to 63 letters, digits, `.`, `_` and `-`, "
                    + "starting with a letter or digit")
        }
    }
}
