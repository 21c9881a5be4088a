import Foundation
import HavenCore
import HavenCrypto
import HavenTestSupport
import Testing

@testable import HavenServices

/// A job receives the secrets it declared while it runs, and nothing after. The runner is a stand-in script that
/// saves its job token and waits, so that the test can act as the job and take its lease as the real runner does.
@Suite(.timeLimit(.minutes(5))) struct JobSecretLeaseTests {
    @Test func declaredSecretIsAnOwnerOnlyFileWhileTheJobRunsAndGoneAfter() async throws {
        let scratch = try Repository.temporaryFolder("lease-runner")
        let runner = scratch.appending(path: "runner.sh")
        try """
        #!/bin/sh
        printf '%s' "$HAVEN_TOKEN" > "$HAVEN_WORK_DIR/token.tmp"
        mv "$HAVEN_WORK_DIR/token.tmp" "$HAVEN_WORK_DIR/token"
        parent=$PPID
        while [ ! -f "$HAVEN_WORK_DIR/stop" ] && [ -d "/proc/$parent" ]; do sleep 0.1; done
        """.write(to: runner, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner.path)

        let vault = try await VaultServer.start(runner: runner)
        defer { Task { await vault.test.server.shutdown() } }
        let password = "pacs-" + SecureRandom.token()
        _ = try await vault.researcher.raw("PUT", VaultServer.path("pacs-password"), body: Data(password.utf8))
        _ = try await vault.researcher.raw("PUT", VaultServer.path("s3-key"), body: Data("s3-value".utf8))
        _ = try await vault.researcher.raw("PUT", VaultServer.path("other"), body: Data("x".utf8))
        let data = try Data(contentsOf: Repository.samples.appending(path: "example_ct_sm.nii.gz"))
        let _: ObjectAPI.View = try await vault.researcher.put(
            "/v1/projects/spine-ct/objects/images/ct.nii.gz", data: data, sha256: SHA256.hex(data))
        let job: JobAPI.View = try await vault.researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .infer, runtime: "bone-threshold-baseline", pool: "local", inputs: ["images/ct.nii.gz"],
                secrets: [SecretAPI.Use(name: "pacs-password"), SecretAPI.Use(name: "s3-key", delivery: .environment)]
            ))

        let work = vault.test.home.appending(path: "work").appending(path: job.id)
        let asJob = vault.test.admin.with(token: try await waitForFile(work.appending(path: "token")))
        let _: JobAPI.View = try await asJob.post("/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: .started))

        // While running: the file exists, holds the value, and only its owner may read or write it.
        let lease = try await SecretLease.acquire(client: asJob, job: job, workDirectory: work)
        let file = work.appending(path: "secrets/pacs-password")
        #expect(lease.files == [file])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(FileManager.default.contents(atPath: file.path) == Data(password.utf8))
        #expect(lease.variables == ["HAVEN_SECRET_S3_KEY"])
        #expect(ProcessInfo.processInfo.environment["HAVEN_SECRET_S3_KEY"] == "s3-value")
        await #expect { try await asJob.raw("GET", VaultServer.path("other")) } throws: {
            ($0 as? HavenClientError)?.status == 403
        }

        // After the job ends: the lease is released, and the dead job token fetches nothing.
        let _: JobAPI.View = try await asJob.post("/v1/jobs/\(job.id)/reports", JobAPI.Report(kind: .succeeded))
        lease.release()
        #expect(!FileManager.default.fileExists(atPath: file.path))
        #expect(ProcessInfo.processInfo.environment["HAVEN_SECRET_S3_KEY"] == nil)
        await #expect { try await asJob.raw("GET", VaultServer.path("pacs-password")) } throws: {
            ($0 as? HavenClientError)?.status == 401
        }
        _ = FileManager.default.createFile(atPath: work.appending(path: "stop").path, contents: nil)

        let audit = try await vault.auditText()
        #expect(audit.contains("\"action\":\"secret.lease\""))
        #expect(!audit.contains(password))
        #expect(!vault.logText.contains(password))
    }

    @Test func submittingWithAnUnknownSecretIsRefusedAndQueuesNothing() async throws {
        let vault = try await VaultServer.start()
        defer { Task { await vault.test.server.shutdown() } }
        let data = try Data(contentsOf: Repository.samples.appending(path: "example_ct_sm.nii.gz"))
        let _: ObjectAPI.View = try await vault.researcher.put(
            "/v1/projects/spine-ct/objects/images/ct.nii.gz", data: data, sha256: SHA256.hex(data))
        let submit = JobAPI.Submit(
            kind: .infer, runtime: "bone-threshold-baseline", pool: "local", inputs: ["images/ct.nii.gz"],
            secrets: [SecretAPI.Use(name: "missing")])
        await #expect {
            let _: JobAPI.View = try await vault.researcher.post("/v1/projects/spine-ct/jobs", submit)
        } throws: { ($0 as? HavenClientError)?.status == 400 }
        let jobs: [JobAPI.View] = try await vault.researcher.get("/v1/projects/spine-ct/jobs")
        #expect(jobs.isEmpty)
    }

    @Test func environmentNameIsUpperCaseWithUnderscores() {
        #expect(SecretLease.environmentName("pacs-password") == "HAVEN_SECRET_PACS_PASSWORD")
    }

    private func waitForFile(_ file: URL) async throws -> String {
        for _ in 0..<300 {
            if let data = FileManager.default.contents(atPath: file.path) {
                return String(decoding: data, as: UTF8.self)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the stand-in runner never wrote \(file.path)")
    }
}
