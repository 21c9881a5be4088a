import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addPoolRoutes(to router: inout Router) {
        router.add("POST", "/v1/pools") { [self] request in try await createPool(request) }
        router.add("GET", "/v1/pools") { [self] request in
            let context = try await authenticator.authenticate(request)
            try await authorize(context, AccessRequest(action: .poolList), resource: "pools")
            let rows = try await pool.query(
                """
                SELECT id::text AS id, name, driver, gpu_model, gpus_per_node, max_concurrent_jobs
                FROM node_pools ORDER BY name
                """)
            return try APIJSON.response(try rows.map(Self.poolView))
        }
    }

    private func createPool(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let body = try decodeBody(request, as: PoolAPI.Create.self)
        try Validation.name(body.name, field: "name")
        let driver = body.driver ?? "local"
        guard ["local", "agent", "slurm"].contains(driver) else {
            throw HTTPError.badRequest(
                "field `driver` is `\(driver)`; the supported drivers are `local`, `agent` and `slurm`")
        }
        guard (body.gpusPerNode ?? 0) >= 0, (body.maxConcurrentJobs ?? 1) > 0 else {
            throw HTTPError.badRequest("`gpusPerNode` must be 0 or more and `maxConcurrentJobs` 1 or more")
        }
        let decision = try await authorize(context, AccessRequest(action: .poolCreate), resource: "pool:" + body.name)

        let view = try await pool.transaction { connection in
            let rows = try await connection.query(
                """
                INSERT INTO node_pools (name, driver, gpu_model, gpus_per_node, max_concurrent_jobs, slurm_partition)
                VALUES ($1, $5, $2, $3, $4, $6) ON CONFLICT (name) DO NOTHING
                RETURNING id::text AS id, name, driver, gpu_model, gpus_per_node, max_concurrent_jobs
                """,
                [
                    body.name, body.gpuModel, body.gpusPerNode ?? 0,
                    body.maxConcurrentJobs ?? (driver == "local" ? 1 : PoolAPI.noJobLimit), driver, body.partition,
                ])
            guard let row = rows.first else {
                throw HTTPError.conflict("a node pool named `\(body.name)` already exists; pick another name")
            }
            try await AuditLog.record(
                AuditEntry(
                    context, .poolCreate, resource: "pool:" + body.name, projectID: nil, outcome: .success,
                    rule: decision.rule),
                on: connection)
            return try Self.poolView(row)
        }
        return try APIJSON.response(view, status: 201)
    }

    static func poolView(_ row: PostgresRow) throws -> PoolAPI.View {
        try PoolAPI.View(
            id: row.decode("id"), name: row.decode("name"), driver: row.decode("driver"),
            gpuModel: row.decode("gpu_model"), gpusPerNode: row.decode("gpus_per_node"),
            maxConcurrentJobs: row.decode("max_concurrent_jobs"), device: LocalDevices.gpuCount() > 0 ? "gpu" : "cpu")
    }
}
