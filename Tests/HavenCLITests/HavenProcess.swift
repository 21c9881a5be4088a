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
    static func run(
        _ arguments: [String], environment extra: [String: String] = [:], input: String? = nil
    ) async throws -> Result {
        let result = try await ChildProcess.run(
            Repository.havenExecutable, arguments, environment: environment(extra),
            directory: FileManager.default.temporaryDirectory, input: input)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}
