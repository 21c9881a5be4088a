import Foundation
import HavenCore
import HavenCrypto
import HavenServices
import HavenTestSupport
import Testing

/// Outputs written under an attempt's own prefix, published only when the attempt succeeds.
@Suite struct AttemptOutputsTests {
    static let data = Data("label volume stand-in\n".utf8)

    /// Runs one placed job as its runner: writes `out.txt` under attempt 1's prefix, then reports `end`.
    static func runJob(_ end: JobAPI.Report.Kind, on test: TestServer, as researcher: HavenClient) async throws
        -> (job: JobAPI.View, paths: [String])
    {
        let (job, work, token) = try await StandInRunner.placedJob(on: test, as: researcher)
        let runner = researcher.with(token: token)
        let _: JobAPI.View = try await runner.post("/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: .started))
        let _: ObjectAPI.View = try await runner.put(
            "/v1/projects/spine-ct/objects/\(job.outputPrefix)/attempts/1/out.txt", data: data,
            sha256: SHA256.hex(data))
        let before = try await paths(under: job.outputPrefix, as: researcher)
        // Before the end only the attempt's own copy exists.
        #expect(before == [job.outputPrefix + "/attempts/1/out.txt"])
        let _: JobAPI.View = try await runner.post("/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: end))
        StandInRunner.stop(work)
        return (job, try await paths(under: job.outputPrefix, as: researcher))
    }

    static func paths(under prefix: String, as client: HavenClient) async throws -> [String] {
        let objects: [ObjectAPI.View] = try await client.get("/v1/projects/spine-ct/objects?prefix=" + prefix)
        return objects.map(\.path).sorted()
    }

    @Test func succeededAttemptsOutputsArePublishedUnderTheJobsPrefix() async throws {
        let test = try await TestServer.start(runner: try StandInRunner.make())
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let (succeeded, published) = try await Self.runJob(.succeeded, on: test, as: researcher)
        #expect(published == [succeeded.outputPrefix + "/attempts/1/out.txt", succeeded.outputPrefix + "/out.txt"])
        let read = try await researcher.data("/v1/projects/spine-ct/objects/\(succeeded.outputPrefix)/out.txt")
        #expect(read == Self.data)
    }

    @Test func failedAttemptsOutputsAreDiscarded() async throws {
        let test = try await TestServer.start(runner: try StandInRunner.make())
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let (_, left) = try await Self.runJob(.failed, on: test, as: researcher)
        #expect(left.isEmpty)
    }
}
