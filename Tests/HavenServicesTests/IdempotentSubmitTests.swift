import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

/// Submission with an idempotency key: a retried request finds the first job instead of queueing a second.
@Suite struct IdempotentSubmitTests {
    @Test func sameKeyReturnsTheSameJobAndOtherKeysMakeNewOnes() async throws {
        let test = try await TestServer.start(runner: try StandInRunner.make())
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        func submit(_ key: String) async throws -> JobAPI.View {
            try await researcher.post(
                "/v1/projects/spine-ct/jobs",
                JobAPI.Submit(
                    kind: .infer, runtime: "bone-threshold-baseline", pool: "local",
                    inputs: ["images/example_ct_sm.nii.gz"], idempotencyKey: key))
        }
        // Three concurrent retries of one request, then one request with another key.
        let ids = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<3 { group.addTask { try await submit("run-42").id } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(ids.count == 1)
        let other = try await submit("run-43")
        #expect(!ids.contains(other.id))
        let jobs: [JobAPI.View] = try await researcher.get("/v1/projects/spine-ct/jobs")
        #expect(jobs.count == 2)
    }
}
