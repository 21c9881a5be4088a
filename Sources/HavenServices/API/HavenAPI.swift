import Foundation
import HTTPServer
import HavenCore
import HavenLogging
import PostgresClient

/// The HTTP API: every handler authenticates, decides by the access rules, then acts and audits in one transaction.
final class HavenAPI: Sendable {
    let pool: PostgresPool
    let configuration: ServerConfiguration
    let logger: Logger
    let authenticator: Authenticator
    let objects: ObjectStore
    let chainer: LedgerChainer
    let vault: SecretStore
    let policies: PolicyStore
    let grantSigner: GrantSigner
    let migrationsCurrent: @Sendable () async -> Bool

    init(
        pool: PostgresPool, configuration: ServerConfiguration, chainer: LedgerChainer, logger: Logger,
        keyring: VaultKeyring, oidc: JWTVerifier? = nil,
        migrationsCurrent: @escaping @Sendable () async -> Bool
    ) {
        self.pool = pool
        self.configuration = configuration
        self.logger = logger
        self.authenticator = Authenticator(pool: pool, oidc: oidc, logger: logger)
        self.objects = ObjectStore(pool: pool, configuration: configuration, keyring: keyring, logger: logger)
        self.grantSigner = GrantSigner(keyring: keyring)
        self.chainer = chainer
        self.vault = SecretStore(pool: pool, keyring: keyring)
        self.policies = PolicyStore(pool: pool, logger: logger)
        self.migrationsCurrent = migrationsCurrent
    }

    /// Every route of the API.
    func router() -> Router {
        var router = Router()
        addHealthRoutes(to: &router)
        addUserRoutes(to: &router)
        addProjectRoutes(to: &router)
        addPoolRoutes(to: &router)
        addObjectRoutes(to: &router)
        addJobRoutes(to: &router)
        addSessionRoutes(to: &router)
        addModelRoutes(to: &router)
        addAuditRoutes(to: &router)
        addSecretRoutes(to: &router)
        addGrantRoutes(to: &router)
        addDatasetRoutes(to: &router)
        addUsageRoutes(to: &router)
        addAgentRoutes(to: &router)
        addJobLogRoutes(to: &router)
        addPACSRoutes(to: &router)
        addPolicyRoutes(to: &router)
        addGovernanceRoutes(to: &router)
        addTokenRoutes(to: &router)
        return router
    }

    /// Decides `access` for the caller by the policy in force; a denial is audited and becomes a 403 that says why.
    ///
    /// - Parameter dataset: the storage endpoint the request touches, for rules on datasets and classifications.
    @discardableResult
    func authorize(
        _ context: RequestContext, _ access: AccessRequest, resource: String, dataset: String? = nil
    ) async throws -> AccessDecision {
        let environment = try await environment(context, access, dataset: dataset)
        var decision = AccessRules.decide(
            context.principal, access, policy: policies.current, environment: environment)
        if decision.allowed, !context.scopes.isEmpty,
            !context.scopes.contains(where: { $0.matches(access.action.rawValue) })
        {
            decision = .deny("token.scope", "this token's scopes do not include \(access.action.rawValue); use another")
        }
        guard decision.allowed else {
            let entry = AuditEntry(
                context, access.action, resource: resource, projectID: access.projectID, outcome: .denied,
                rule: decision.rule, detail: decision.reason)
            try await AuditLog.record(entry, in: pool)
            logger.notice(
                "request denied",
                [.requestID: context.requestID, .rule: decision.rule, .object: resource, .userName: context.actor])
            throw HTTPError.forbidden("\(access.action.rawValue) on \(resource) is not allowed: \(decision.reason)")
        }
        return decision
    }

    /// Decodes a JSON body, refusing one larger than the JSON limit before parsing it.
    func decodeBody<T: Decodable>(_ request: HTTPRequest, as type: T.Type) throws -> T {
        guard request.body.count <= configuration.maximumJSONBytes else {
            throw HTTPError.payloadTooLarge(
                "the JSON body has \(request.body.count) bytes; the limit is \(configuration.maximumJSONBytes)")
        }
        return try request.decode(type)
    }

    /// The project named `name`, or a 404 that names it.
    func project(named name: String) async throws -> ProjectAPI.View {
        let rows = try await pool.query(
            "SELECT id::text AS id, name, description, created_at FROM projects WHERE name = $1", [name])
        guard let row = rows.first else {
            throw HTTPError.notFound("no project named `\(name)`; `haven project list` shows the projects")
        }
        return try ProjectAPI.View(
            id: row.decode("id"), name: row.decode("name"), description: row.decode("description"),
            createdAt: row.decode("created_at"))
    }
}
