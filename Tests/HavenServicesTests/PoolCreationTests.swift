import Foundation
import HavenServices
import HavenTestSupport
import Testing

/// Node pools created while jobs run elsewhere.
@Suite(.timeLimit(.minutes(5))) struct PoolCreationTests {
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
