import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

/// Stalls and time limits, watched by the server, with the stand-in runner playing the job.
@Suite struct JobWatchTests {
    /// Polls `job` until it is in `state`; the suite's time limit bounds the wait.
    static func until(_ state: JobState, _ job: JobAPI.View, as client: HavenClient) async throws -> JobAPI.View {
        for _ in 0..<300 {
            let current: JobAPI.View = try await client.get("/v1/jobs/" + job.id)
            if current.state == state { return current }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("job \(job.id) never became \(state.rawValue)")
    }

    @Test func silentJobStallsResumesOnAHeartbeatAndCanBeCancelled() async throws {
        let test = try await TestServer.start(runner: try StandInRunner.make(), stallTimeout: .seconds(1))
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let (job, work, token) = try await StandInRunner.placedJob(on: test, as: researcher)
        let runner = researcher.with(token: token)
        let _: JobAPI.View = try await runner.post("/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: .started))

        let stalled = try await Self.until(.stalled, job, as: researcher)
        #expect(stalled.message.hasPrefix("silent for more than 1"))
        let resumed: JobAPI.View = try await runner.post(
            "/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: .progress, progress: 0.5, message: "half way"))
        #expect(resumed.state == .running)

        _ = try await Self.until(.stalled, job, as: researcher)
        let cancelled: JobAPI.View = try await researcher.post("/v1/jobs/\(job.id)/cancel", [String: String]())
        #expect(cancelled.state == .cancelled)
        // The cancellation reached the runner process.
        _ = try await StandInRunner.waitForFile(work.appending(path: "terminated"))
    }

    @Test func jobPastItsTimeLimitIsTimedOutAndItsRunnerStopped() async throws {
        let test = try await TestServer.start(runner: try StandInRunner.make())
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        // A time limit of one second.
        let job: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .infer, runtime: "bone-threshold-baseline", pool: "local",
                inputs: ["images/example_ct_sm.nii.gz"], hours: 1.0 / 3600))
        let work = test.home.appending(path: "work").appending(path: job.id)
        let ended = try await Self.until(.timedOut, job, as: researcher)
        #expect(ended.message.contains("time limit"))
        _ = try await StandInRunner.waitForFile(work.appending(path: "terminated"))
    }
}
