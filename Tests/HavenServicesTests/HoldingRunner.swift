import Foundation
import HavenTestSupport

/// A job runner standing in for a long training step: it writes the `CUDA_VISIBLE_DEVICES` it was given into
/// `devices` in its work folder, holds its GPUs until the test writes `release` there, then runs the real
/// `haven job run`, whose GPU check sees those same devices.
enum HoldingRunner {
    static func make() throws -> URL {
        let runner = try Repository.temporaryFolder("holding-runner").appending(path: "runner.sh")
        try """
        #!/bin/sh
        printf '%s' "${CUDA_VISIBLE_DEVICES-unset}" > "$HAVEN_WORK_DIR/devices.tmp"
        mv "$HAVEN_WORK_DIR/devices.tmp" "$HAVEN_WORK_DIR/devices"
        # Ends with the test process that started it, so that no loop outlives the test run.
        parent=$PPID
        while [ ! -f "$HAVEN_WORK_DIR/release" ]; do
            [ -d "/proc/$parent" ] || exit 1
            sleep 0.1
        done
        exec '\(Repository.havenExecutable.path)' "$@"
        """.write(to: runner, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: runner.path)
        return runner
    }

    /// The device indices the runner working in `work` was given, once it holds them.
    static func devices(_ work: URL) async throws -> [Int] {
        let text = try await StandInRunner.waitForFile(work.appending(path: "devices"))
        return text.split(separator: ",").compactMap { Int($0) }
    }

    /// Lets the runner working in `work` go on to the real job runner.
    static func release(_ work: URL) {
        _ = FileManager.default.createFile(atPath: work.appending(path: "release").path, contents: nil)
    }
}
