import Foundation
import HavenCore
import HavenCrypto
import HavenServices
import HavenTestSupport
import Testing

/// What survives a server stopping under a running job, and what a second server on the same home gets.
@Suite(.timeLimit(.minutes(5))) struct ResilienceTests {
    /// A stand-in runner that saves its job token and waits for a `stop` file, so that the job stays placed.
    static func waitingRunner() throws -> URL {
        let runner = try Repository.temporaryFolder("runner").appending(path: "runner.sh")
        try """
        #!/bin/sh
        printf '%s' "$HAVEN_TOKEN" > "$HAVEN_WORK_DIR/token.tmp" && mv "$HAVEN_WORK_DIR/token.tmp" "$HAVEN_WORK_DIR/token"
        while [ ! -f "$HAVEN_WORK_DIR/stop" ]; do sleep 0.1; done
        """.write(to: runner, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner.path)
        return runner
    }

    @Test func jobLeftLiveByAStoppedServerIsFailedAtTheNextStartAndItsTokenDies() async throws {
        let database = try await TestDatabase.makeDatabase()
        let first = try await TestServer.start(runner: try Self.waitingRunner(), databaseURL: database)
        let (researcher, _) = try await first.projectWithMembers()
        let data = try Data(contentsOf: Repository.samples.appending(path: "example_ct_sm.nii.gz"))
        let _: ObjectAPI.View = try await researcher.put(
            "/v1/projects/spine-ct/objects/images/ct.nii.gz", data: data, sha256: SHA256.hex(data))
        let job: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(kind: .infer, runtime: "bone-threshold-baseline", pool: "local", inputs: ["images/ct.nii.gz"])
        )
        let work = first.home.appending(path: "work").appending(path: job.id)
        let token = try await Self.waitForFile(work.appending(path: "token"))
        await first.server.shutdown()

        let configuration = ServerConfiguration(
            home: try Repository.temporaryFolder("server"), databaseURL: database, port: 0,
            runnerExecutable: try Self.waitingRunner(), migrationsDirectory: Repository.migrations)
        let second = try await HavenServer.start(configuration, logger: .disabled)
        defer { _ = FileManager.default.createFile(atPath: work.appending(path: "stop").path, contents: nil) }
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
        let runner = try Repository.temporaryFolder("runner").appending(path: "runner.sh")
        try """
        #!/bin/sh
        trap 'touch "$HAVEN_WORK_DIR/terminated"; exit 143' TERM
        printf '%s' "$HAVEN_TOKEN" > "$HAVEN_WORK_DIR/token.tmp" && mv "$HAVEN_WORK_DIR/token.tmp" "$HAVEN_WORK_DIR/token"
        while true; do sleep 0.1; done
        """.write(to: runner, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner.path)
        let test = try await TestServer.start(runner: runner)
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let data = try Data(contentsOf: Repository.samples.appending(path: "example_ct_sm.nii.gz"))
        let _: ObjectAPI.View = try await researcher.put(
            "/v1/projects/spine-ct/objects/images/ct.nii.gz", data: data, sha256: SHA256.hex(data))
        let job: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(kind: .infer, runtime: "bone-threshold-baseline", pool: "local", inputs: ["images/ct.nii.gz"])
        )
        let work = test.home.appending(path: "work").appending(path: job.id)
        let token = try await Self.waitForFile(work.appending(path: "token"))

        let cancelled: JobAPI.View = try await researcher.post("/v1/jobs/\(job.id)/cancel", [String: String]())
        #expect(cancelled.state == .cancelled)
        _ = try await Self.waitForFile(work.appending(path: "terminated"))
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

    static func waitForFile(_ file: URL) async throws -> String {
        for _ in 0..<300 {
            if let data = FileManager.default.contents(atPath: file.path) {
                return String(decoding: data, as: UTF8.self)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("the stand-in runner never wrote \(file.path)")
    }
}
