import Dispatch
import Foundation

/// Runs a program to completion without blocking Swift's cooperative threads (there are as many as cores, and a
/// test run that blocks them all stalls every test). Pipes are drained on queues of their own: a private serial
/// queue gets a thread of its own, while Dispatch's global queue has as few threads as cores and would make every
/// other user of it wait behind a long-running child.
public enum ChildProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `executable`; `input`, when given, is its standard input (read from a file, then its end).
    public static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String]? = nil, directory: URL? = nil,
        input: String? = nil
    ) async throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = directory
        if let input {
            let file = FileManager.default.temporaryDirectory.appending(path: "haven-input-" + UUID().uuidString)
            try Data(input.utf8).write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            process.standardInput = try FileHandle(forReadingFrom: file)
        }
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr

        async let status = exitStatus(of: process)
        async let out = drain(stdout)
        async let err = drain(stderr)
        return Result(status: try await status, stdout: await out, stderr: await err)
    }

    /// Starts `process` and waits for it to exit.
    public static func exitStatus(of process: Process) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    /// Waits for an already started `process` to exit.
    public static func waitForExit(_ process: Process) async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "haven.test.child-process").async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
    }

    static func drain(_ pipe: Pipe) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "haven.test.child-process").async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
    }
}
