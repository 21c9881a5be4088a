import Foundation
import HTTPServer
import HavenCore
import HavenCrypto
import PostgresClient

/// Agent nodes in PostgreSQL: join tokens, joining, node credentials and heartbeats that bring work.
struct NodeStore: Sendable {
    let pool: PostgresPool

    /// The prefix of a join token; node credentials start with ``credentialPrefix``. Neither is an API token.
    static let joinPrefix = "hvjoin_"
    static let credentialPrefix = "hvnode_"
    static let joinTokenLifetime: Double = 3600

    /// A node that proved itself with its credential.
    struct Node: Sendable {
        var id: String
        var name: String
        var poolID: String
        var poolName: String
    }

    /// Makes a single-use join token for pool `poolName`, valid for an hour; only its hash is stored.
    func createJoinToken(poolName: String, context: RequestContext, rule: String) async throws -> AgentAPI.JoinToken {
        let token = Self.joinPrefix + SecureRandom.token(bytes: 32)
        return try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO node_join_tokens (token_hash, pool_id, created_by, expires_at)
                SELECT $1, n.id, $2::uuid, now() + make_interval(secs => $4) FROM node_pools n
                WHERE n.name = $3 AND n.driver = 'agent'
                RETURNING pool_id::text AS pool_id, expires_at
                """, [TokenIssuer.hash(token), context.principal.responsibleUserID, poolName, Self.joinTokenLifetime])
            guard let row = rows.first else {
                throw HTTPError.notFound(
                    "no agent pool named `\(poolName)`; create one with `haven pool create NAME --driver agent`")
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .poolCreate, resource: "pool:" + poolName, projectID: nil, outcome: .success, rule: rule,
                    detail: "join token made"),
                on: connection)
            return AgentAPI.JoinToken(pool: poolName, token: token, expiresAt: try row.decode("expires_at"))
        }
    }

    /// Spends a join token and makes the node with a credential of its own; a used, expired or unknown token
    /// is refused the same way, so that a guess learns nothing.
    func join(_ body: AgentAPI.Join, clientAddress: String) async throws -> AgentAPI.Joined {
        let lease = min(max(body.leaseSeconds ?? 30, 1), 600)
        let credential = Self.credentialPrefix + SecureRandom.token(bytes: 32)
        return try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                UPDATE node_join_tokens t SET used_at = now()
                FROM node_pools n
                WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now() AND n.id = t.pool_id
                RETURNING t.pool_id::text AS pool_id, n.name AS pool
                """, [TokenIssuer.hash(body.joinToken)])
            guard let row = rows.first else {
                throw HTTPError.unauthorized("the join token is unknown, used or expired; ask an admin for a new one")
            }
            let poolName: String = try row.decode("pool")
            let node = try await connection.query(
                """
                INSERT INTO nodes (pool_id, name, credential_hash, lease_seconds, gpus)
                VALUES ($1::uuid, $2, $3, $4, $5::jsonb) RETURNING id::text AS id
                """,
                [
                    try row.decode("pool_id", as: String.self), body.name, TokenIssuer.hash(credential), lease,
                    try ObjectStore.json(body.gpus),
                ])
            let nodeID: String = try node[0].decode("id")
            var entry = AuditEntry.node(
                "node:" + body.name, .nodeJoin, nodeID: nodeID,
                detail: "joined pool \(poolName) with \(body.gpus.count) GPU(s)")
            entry.clientAddress = clientAddress
            try await AuditLog.record(entry, on: connection)
            return AgentAPI.Joined(nodeID: nodeID, pool: poolName, credential: credential, leaseSeconds: lease)
        }
    }

    /// The ready node whose credential `request` carries; a lost node must join again.
    func authenticate(_ request: HTTPRequest) async throws -> Node {
        guard let header = request.header("authorization"), header.hasPrefix("Bearer " + Self.credentialPrefix)
        else { throw HTTPError.unauthorized("send the node credential that joining returned") }
        let credential = String(header.dropFirst("Bearer ".count))
        let rows = try await pool.query(
            """
            SELECT d.id::text AS id, d.name, d.state, d.pool_id::text AS pool_id, n.name AS pool
            FROM nodes d JOIN node_pools n ON n.id = d.pool_id WHERE d.credential_hash = $1
            """, [TokenIssuer.hash(credential)])
        guard let row = rows.first else { throw HTTPError.unauthorized("the node credential is unknown") }
        guard try row.decode("state", as: String.self) == "ready" else {
            throw HTTPError.unauthorized("this node was marked lost after missing its lease; join again")
        }
        return Node(
            id: try row.decode("id"), name: try row.decode("name"), poolID: try row.decode("pool_id"),
            poolName: try row.decode("pool"))
    }
}
