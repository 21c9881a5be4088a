import Foundation
import HavenCore
import HavenLogging
import PostgresClient

/// The placement queue opened outside a server, for the placement benchmark: it submits jobs through the same
/// statements `JobStore.submit` runs (job row, audit entry, queue row, NOTIFY) and places them with the claim a
/// pool driver makes, on a pool of its own with unbounded room.
public final class PlacementLoad: Sendable {
    let pool: PostgresPool
    let fixture: Fixture

    /// The rows every benchmark job refers to.
    struct Fixture: Sendable {
        var userID: String
        var projectID: String
        var endpointID: String
        var poolID: String
    }

    init(pool: PostgresPool, fixture: Fixture) {
        self.pool = pool
        self.fixture = fixture
    }

    /// Connects to `databaseURL` with up to `connections` connections, applies pending migrations, and makes the
    /// user, project, storage endpoint and pool that the benchmark's jobs use.
    public static func open(databaseURL: String, migrations: URL, connections: Int) async throws -> PlacementLoad {
        let pool = PostgresPool(PostgresConfiguration(connectionString: databaseURL, maximumConnections: connections))
        _ = try await Migrator(directory: migrations, pool: pool, logger: .disabled).migrate()
        let suffix = String(UUID().uuidString.lowercased().prefix(8))
        let rows = try await pool.query(
            """
            WITH u AS (INSERT INTO users (name) VALUES ('bench-' || $1) RETURNING id),
                 p AS (INSERT INTO projects (name, created_by) SELECT 'bench-' || $1, id FROM u RETURNING id),
                 e AS (INSERT INTO storage_endpoints (project_id, name, kind, root_path)
                       SELECT id, 'images', 'filesystem', '/nonexistent' FROM p RETURNING id),
                 n AS (INSERT INTO node_pools (name, driver, max_concurrent_jobs)
                       VALUES ('bench-' || $1, 'local', 2147483647) RETURNING id)
            SELECT u.id::text AS u, p.id::text AS p, e.id::text AS e, n.id::text AS n FROM u, p, e, n
            """, [suffix])
        let row = rows[0]
        let fixture = Fixture(
            userID: try row.decode("u"), projectID: try row.decode("p"), endpointID: try row.decode("e"),
            poolID: try row.decode("n"))
        return PlacementLoad(pool: pool, fixture: fixture)
    }

    /// Submits one admitted job in a transaction of its own, as `JobStore.submit` does.
    public func submit() async throws {
        let id = UUID().uuidString.lowercased()
        try await pool.transaction { connection in
            try await connection.execute(
                """
                INSERT INTO jobs (id, project_id, endpoint_id, pool_id, kind, runtime, inputs, output_prefix,
                                  submitted_by, state)
                VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, 'infer', 'bone-threshold-baseline',
                        ARRAY['images/ct.nii.gz'], 'jobs/' || $1, $5::uuid, 'admitted')
                """, [id, fixture.projectID, fixture.endpointID, fixture.poolID, fixture.userID])
            let context = RequestContext(
                principal: .user(id: fixture.userID, name: "bench", isAdmin: false, roles: [:]), requestID: id,
                clientAddress: "127.0.0.1")
            try await AuditLog.record(
                AuditEntry(
                    context, .jobSubmit, resource: "job:" + id, projectID: fixture.projectID, outcome: .success,
                    rule: "benchmark", detail: "infer with bone-threshold-baseline"),
                on: connection)
            try await PlacementQueue.enqueue(jobID: id, attempt: 1, poolID: fixture.poolID, on: connection)
        }
    }

    /// Places up to `limit` waiting attempts above `watermark`; returns how many were placed and the new watermark.
    /// With `freeGPUs`, the claim of local and agent pools, which keeps GPUs within that budget.
    public func claim(after watermark: Int64, limit: Int, freeGPUs: Int? = nil) async throws
        -> (placed: Int, watermark: Int64)
    {
        let claim = try await PlacementQueue(pool: pool).claim(
            poolID: fixture.poolID, after: watermark, limit: limit, placedBy: "pool:bench", device: "cpu",
            message: "placed", freeGPUs: freeGPUs)
        return (claim.placements.count, claim.highestSequence ?? watermark)
    }

    /// The notifications that wake pool drivers when a job is queued.
    public func wakes() async throws -> PostgresNotifications {
        try await pool.listen(JobStore.queuedChannel)
    }

    /// Runs `sql` and returns its rows, for the benchmark's own statistics.
    public func query(_ sql: String, _ parameters: [any PostgresBindable] = []) async throws -> [PostgresRow] {
        try await pool.query(sql, parameters)
    }

    /// The pool the benchmark's jobs are placed on.
    public var poolID: String { fixture.poolID }

    /// Closes the connections.
    public func close() async {
        await pool.close()
    }
}
