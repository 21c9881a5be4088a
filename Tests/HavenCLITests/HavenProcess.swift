import Foundation
import HavenTestSupport

/// The built `haven` binary run as a user would run it, with a clean `HAVEN_` environment.
struct HavenProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The environment a child gets: this process's, minus every `HAVEN_` variable, plus `extra`.
    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("HAVEN_") }
        environment["HOME"] = FileManager.default.temporaryDirectory.path
        environment.merge(extra) { _, new in new }
        return environment
    }

    /// Runs `haven arguments...` to completion.
    static func run(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> Result {
        let process = Process()
        process.executableURL = Repository.havenExecutable
        process.arguments = arguments
        process.environment = environment(extra)
        process.currentDirectoryURL = FileManager.default.temporaryDirectory
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        async let out = Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }.value
        async let err = Task.detached { stderr.fileHandleForReading.readDataToEndOfFile() }.value
        let (outData, errData) = await (out, err)
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}
