import Foundation

/// The private work folder of a job runner and the `runner.log` in it that takes the runner's output.
enum RunnerLog {
    /// Makes `work` (mode 0700), and sends `process`'s standard output and error to `work/runner.log`, after
    /// what earlier attempts of the job wrote there; the caller closes the returned handle when the process ends.
    static func attach(_ process: Process, work: URL) throws -> FileHandle {
        try FileManager.default.createDirectory(
            at: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let log = work.appending(path: "runner.log")
        if !FileManager.default.fileExists(atPath: log.path) {
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: log)
        try handle.seekToEnd()
        process.standardOutput = handle
        process.standardError = handle
        return handle
    }
}
