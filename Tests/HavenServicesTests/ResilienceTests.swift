import Foundation
import HavenCore
import HavenCrypto
import HavenServices
import HavenTestSupport
import Testing

/// What survives a server stopping under a running job, and what a second server on the same home gets.
@Suite(.timeLimit(.minutes(5))) struct ResilienceTests {
    @Test func jobLeftLiveByAStoppedServerIsFailedAtTheNextStartAndItsTokenDies() async throws {
        let database = try await TestDatabase.makeDatabase()
        let first = try await TestServer.start(runner: try StandInRunner.make(), databaseURL: database)
        let (researcher, _) = try await first.projectWithMembers()
        let (job, work, token) = try await StandInRunner.placedJob(on: first, as: researcher)
        await first.server.shutdown()

        let configuration = ServerConfiguration(
            home: try Repository.temporaryFolder("server"), databaseURL: database, port: 0,
            runnerExecutable: try StandInRunner.make(), migrationsDirectory: Repository.migrations)
        let second = try await HavenServer.start(configuration, logger: .disabled)
        defer { StandInRunner.stop(work) }
        let again = researcher.rebased(on: second.url)
        var ended: JobAPI.View = try await again.get("/v1/jobs/" + job.id)
        for _ in 0..<50 where !ended.state.isFinal {
            try await Task.sleep(for: .milliseconds(100))
            ended = try await again.get("/v1/jobs/" + job.id)
        }
        #expect(ended.state == .failed)
        #expect(ended.message.contains("the server stopped while the job ran"))
        await #expect { try await again.with(token: token).get("/v1/jobs/" + job.id, as: JobAPI.View.self) } throws: {
            ($0 as? HavenClientError)?.status == 401
        }
        await second.shutdown()
    }

    @Test func cancellingARunningJobStopsItsRunnerAndEndsItsToken() async throws {
        let test = try await TestServer.start(runner: try StandInRunner.make())
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let (job, work, token) = try await StandInRunner.placedJob(on: test, as: researcher)

        let cancelled: JobAPI.View = try await researcher.post("/v1/jobs/\(job.id)/cancel", [String: String]())
        #expect(cancelled.state == .cancelled)
        _ = try await StandInRunner.waitForFile(work.appending(path: "terminated"))
        await #expect {
            try await researcher.with(token: token).get("/v1/jobs/" + job.id, as: JobAPI.View.self)
        } throws: {
            ($0 as? HavenClientError)?.status == 401
        }
        await #expect {
            let _: JobAPI.View = try await researcher.post("/v1/jobs/\(job.id)/cancel", [String: String]())
        } throws: { ($0 as? HavenClientError)?.status == 409 }
        await #expect {
            let _: JobAPI.View = try await auditor.post("/v1/jobs/\(job.id)/cancel", [String: String]())
        } throws: { ($0 as? HavenClientError)?.status == 403 }
    }

    @Test func secondServerOnTheSameHomeIsRefusedNamingTheHome() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let configuration = ServerConfiguration(
            home: test.home, databaseURL: try await TestDatabase.makeDatabase(), port: 0,
            runnerExecutable: Repository.havenExecutable, migrationsDirectory: Repository.migrations)
        await #expect {
            _ = try await HavenServer.start(configuration, logger: .disabled)
        } throws: { error in
            "\(error)".contains("another haven server is using the Haven home \(test.home.path)")
        }
    }
}
