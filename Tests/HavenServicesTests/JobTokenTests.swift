import Foundation
import HavenCore
import HavenCrypto
import HavenServices
import HavenTestSupport
import Testing

/// Job tokens reach only their job's inputs and die with the job. The job runner here is a stand-in script that
/// saves the token it was given and waits, so that the test can act as the job.
@Suite(.timeLimit(.minutes(5))) struct JobTokenTests {
    @Test func jobTokenReadsOnlyDeclaredInputsAndDiesWithTheJob() async throws {
        let test = try await TestServer.start(runner: try StandInRunner.make())
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let other = try Data(contentsOf: Repository.samples.appending(path: "example_ct_sm.nii.gz"))
        let _: ObjectAPI.View = try await researcher.put(
            "/v1/projects/spine-ct/objects/images/other.nii.gz", data: other, sha256: SHA256.hex(other))
        let (job, work, token) = try await StandInRunner.placedJob(on: test, as: researcher)
        let asJob = test.admin.with(token: token)

        let input = try await asJob.data("/v1/projects/spine-ct/objects/images/ct.nii.gz")
        #expect(input.count > 0)
        await #expect { try await asJob.data("/v1/projects/spine-ct/objects/images/other.nii.gz") } throws: {
            ($0 as? HavenClientError)?.status == 403
        }

        let _: JobAPI.View = try await asJob.post("/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: .started))
        let ended: JobAPI.View = try await asJob.post(
            "/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: .succeeded, message: "done"))
        #expect(ended.state == .succeeded)
        await #expect { try await asJob.data("/v1/projects/spine-ct/objects/images/ct.nii.gz") } throws: {
            ($0 as? HavenClientError)?.status == 401
        }
        StandInRunner.stop(work)

        let log = String(decoding: try await auditor.data("/v1/projects/spine-ct/audit?format=jsonl"), as: UTF8.self)
        // Ledger records (start, checkpoints) have a `type`; entries do not.
        let entries = log.split(separator: "\n").filter {
            (try? JSONDecoder().decode(LedgerRecord.self, from: Data($0.utf8))) == nil
        }
        let events = try entries.map {
            try JSONDecoder().decode(AuditEvent.self, from: Data($0.utf8))
        }
        let denial = try #require(events.first { $0.outcome == .denied })
        #expect(denial.actor == "job:" + job.id)
        #expect(denial.action == "data.read")
        #expect(denial.resource == "images:images/other.nii.gz")
        #expect(denial.rule == "job.scope")
    }
}
