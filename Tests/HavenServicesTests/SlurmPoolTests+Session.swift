import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

extension SlurmPoolTests {
    /// An interactive session is a Slurm job too: its gateway runs under slurmd, on the node's name, and its shell
    /// sees the GPU that Slurm allocated to it.
    @Test func shellSessionRunsUnderSlurmWithItsGPU() async throws {
        let socket = try Self.cluster()
        let test = try await TestServer.start(databaseURL: try await TestDatabase.makeDatabase(), slurmSocket: socket)
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let _: PoolAPI.View = try await test.admin.post(
            "/v1/pools", PoolAPI.Create(name: "cluster", driver: "slurm", gpuModel: "a100", gpusPerNode: 4))
        let started: SessionAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/sessions", SessionAPI.Start(app: .shell, pool: "cluster", hours: 1, gpus: 1))
        let session = try await SessionDriver.until(started.id, as: researcher) { $0.ready || $0.state.isFinal }
        try #require(session.ready, "the session did not start: \(session.message)")

        let connection: SessionAPI.Connection = try await researcher.post(
            "/v1/sessions/\(session.id)/connect", [String: String]())
        // The runner under slurmd announces the node by its name, not the loopback a local pool uses.
        #expect(connection.address.hasPrefix(ProcessInfo.processInfo.hostName + ":"))
        let tunnel = try await SessionTunnel.redeem(connection)
        let output = try await SessionDriver.converse(
            tunnel, "echo answer=$((6*7)); echo gpus=$CUDA_VISIBLE_DEVICES; echo job=${SLURM_JOB_ID:-none}; exit\n")
        #expect(output.contains("answer=42"))
        // One GPU from Slurm's GRES: a single device index.
        let gpus = try #require(output.firstMatch(of: /gpus=([0-9,]+)/)).output.1
        #expect(gpus.split(separator: ",").count == 1)
        #expect(!output.contains("job=none"))

        let stopped: JobAPI.View = try await researcher.post("/v1/jobs/\(session.id)/cancel", [String: String]())
        #expect(stopped.state == .cancelled)
        try await SessionDriver.waitUntilRefused(tunnel)
    }
}
