import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addAgentRoutes(to router: inout Router) {
        router.add("POST", "/v1/pools/:pool/join-tokens") { [self] request in
            let context = try await authenticator.authenticate(request)
            let name = request.pathParameters["pool"] ?? ""
            let decision = try await authorize(context, AccessRequest(action: .poolCreate), resource: "pool:" + name)
            let token = try await NodeStore(pool: pool).createJoinToken(
                poolName: name, context: context, rule: decision.rule)
            return try APIJSON.response(token, status: 201)
        }
        // Joining is authorized by the single-use join token in the body, not by an API token.
        router.add("POST", "/v1/agents/join") { [self] request in
            let body = try decodeBody(request, as: AgentAPI.Join.self)
            guard body.name.wholeMatch(of: /[a-z0-9][a-z0-9.-]{0,62}/) != nil else {
                throw HTTPError.badRequest(
                    "field `name` is `\(body.name)`; use lowercase letters, digits, dots and dashes, up to 63")
            }
            let joined = try await NodeStore(pool: pool).join(body, clientAddress: request.clientAddress)
            return try APIJSON.response(joined, status: 201)
        }
        router.add("POST", "/v1/agents/heartbeat") { [self] request in
            let store = NodeStore(pool: pool)
            let node = try await store.authenticate(request)
            let body = try decodeBody(request, as: AgentAPI.Heartbeat.self)
            return try APIJSON.response(try await store.heartbeat(node, body))
        }
    }
}
