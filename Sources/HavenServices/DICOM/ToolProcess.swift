import Dispatch
import Foundation
import HavenCore

/// Runs a command-line tool to completion without blocking Swift's cooperative threads: the wait and the pipe
/// reads run on private serial queues, each of which gets a thread of its own.
enum ToolProcess {
    struct Output: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: String
    }

    /// Runs `tool` (found on `PATH`, or in the usual system folders) with `arguments`.
    static func run(_ tool: String, _ arguments: [String]) async throws(DICOMError) -> Output {
        guard let executable = locate(tool) else {
            throw .toolFailed(tool: tool, reason: "it is not installed; run Deploy/install.sh")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        do {
            try process.run()
        } catch {
            throw .toolFailed(tool: tool, reason: "it could not start: \(error.localizedDescription)")
        }
        async let out = drain(stdout)
        async let err = drain(stderr)
        let status = await wait(process)
        return Output(status: status, stdout: await out, stderr: String(decoding: await err, as: UTF8.self))
    }

    /// Runs `tool` and throws with its error output when it exits with a failure.
    static func check(_ tool: String, _ arguments: [String]) async throws(DICOMError) -> Output {
        let output = try await run(tool, arguments)
        guard output.status == 0 else {
            let reason = output.stderr.split(separator: "\n").prefix(3).joined(separator: " / ")
            throw .toolFailed(tool: tool, reason: "exit status \(output.status): \(reason)")
        }
        return output
    }

    static func locate(_ tool: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin", "/usr/local/bin"]
        return folders.lazy.map { URL(filePath: $0).appending(path: tool) }.first {
            FileManager.default.isExecutableFile(atPath: $0.path)
        }
    }

    private static func wait(_ process: Process) async -> Int32 {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "haven.dicom.tool-wait").async {
                process.waitUntilExit()
                continuation.resume(returning: process.terminationStatus)
            }
        }
    }

    private static func drain(_ pipe: Pipe) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "haven.dicom.tool-pipe").async {
                continuation.resume(returning: pipe.fileHandleForReading.readDataToEndOfFile())
            }
        }
    }
}
