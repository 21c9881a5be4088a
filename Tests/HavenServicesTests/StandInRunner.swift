import Foundation
import HavenCrypto
import HavenServices
import HavenTestSupport

/// A stand-in for `haven job run`: a script that saves the job token it was given and waits, so that a test can act
/// as the job. It ends when the test writes `stop` into the job's work folder, or on SIGTERM, after which it writes
/// `terminated` there.
enum StandInRunner {
    static func make() throws -> URL {
        let runner = try Repository.temporaryFolder("runner").appending(path: "runner.sh")
        try """
        #!/bin/sh
        trap 'touch "$HAVEN_WORK_DIR/terminated"; exit 143' TERM
        printf '%s' "$HAVEN_TOKEN" > "$HAVEN_WORK_DIR/token.tmp" && mv "$HAVEN_WORK_DIR/token.tmp" "$HAVEN_WORK_DIR/token"
        # Ends with the test process that started it, so that no loop outlives the test run.
        parent=$PPID
        while [ ! -f "$HAVEN_WORK_DIR/stop" ] && [ -d "/proc/$parent" ]; do sleep 0.1; done
        """.write(to: runner, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner.path)
        return runner
    }

    /// Imports the sample CT as `images/ct.nii.gz`, submits the bone baseline on it, and waits until the stand-in
    /// runner holds the job: the job, its work folder and its token.
    static func placedJob(on test: TestServer, as researcher: HavenClient) async throws
        -> (job: JobAPI.View, work: URL, token: String)
    {
        let data = try Data(contentsOf: Repository.samples.appending(path: "example_ct_sm.nii.gz"))
        let _: ObjectAPI.View = try await researcher.put(
            "/v1/projects/spine-ct/objects/images/ct.nii.gz", data: data, sha256: SHA256.hex(data))
        let job: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(kind: .infer, runtime: "bone-threshold-baseline", pool: "local", inputs: ["images/ct.nii.gz"])
        )
        let work = test.home.appending(path: "work").appending(path: job.id)
        return (job, work, try await waitForFile(work.appending(path: "token")))
    }

    /// Lets the stand-in runner of the job with this work folder end.
    static func stop(_ work: URL) {
        _ = FileManager.default.createFile(atPath: work.appending(path: "stop").path, contents: nil)
    }

    /// The contents of `file` once the runner has written it.
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
