import Foundation
import HavenServices
import HavenTestSupport
import Testing

/// Node pools: created while jobs run elsewhere, and the node size they declare.
@Suite(.timeLimit(.minutes(5))) struct PoolCreationTests {
    @Test func workWiderThanTheNodesOfItsPoolIsRefusedAtOnce() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let _: PoolAPI.View = try await test.admin.post(
            "/v1/pools", PoolAPI.Create(name: "pairs", driver: "agent", gpuModel: "a100", gpusPerNode: 2))
        await #expect {
            let _: SessionAPI.View = try await researcher.post(
                "/v1/projects/spine-ct/sessions", SessionAPI.Start(app: .shell, pool: "pairs", hours: 1, gpus: 3))
        } throws: { "\($0)".contains("the nodes of pool pairs have 2 GPU(s) each") }
        let sessions: [SessionAPI.View] = try await researcher.get("/v1/projects/spine-ct/sessions")
        #expect(sessions.isEmpty)
    }

    @Test func aPoolIsCreatedWhileAnotherPoolsJobIsPlaced() async throws {
        let test = try await TestServer.start(runner: try StandInRunner.make())
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let (job, work, _) = try await StandInRunner.placedJob(on: test, as: researcher)
        // The live job's attempt row already exists; making a pool must not touch attempts at all.
        let pool: PoolAPI.View = try await test.admin.post("/v1/pools", PoolAPI.Create(name: "second"))
        #expect(pool.name == "second")
        let pools: [PoolAPI.View] = try await test.admin.get("/v1/pools")
        #expect(Set(pools.map(\.name)) == ["local", "second"])
        StandInRunner.stop(work)
        let ended = try await TestServer.finished(job, as: researcher)
        #expect(ended.state.isFinal)
    }
}
