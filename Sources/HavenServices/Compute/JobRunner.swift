import Foundation
import HavenCore
import HavenCrypto
import HavenLogging
import NIfTI

/// Runs one job on this node: fetches the job's inputs through Haven with the job token, runs the runtime,
/// uploads the outputs under the job's output prefix, and reports progress and the final state.
public struct JobRunner: Sendable {
    let client: HavenClient
    let jobID: String
    let workDirectory: URL
    let logger: Logger

    /// A runner for `jobID` that talks to Haven through `client` (holding the job token) and works in `workDirectory`.
    public init(client: HavenClient, jobID: String, workDirectory: URL, logger: Logger) {
        self.client = client
        self.jobID = jobID
        self.workDirectory = workDirectory
        self.logger = logger.with(.jobID, jobID)
    }

    /// Runs the job to its end and returns the state it ended in.
    public func run() async throws -> JobState {
        let job: JobAPI.View = try await client.get("/v1/jobs/" + jobID)
        let gpus = VisibleGPUs.current()
        if let refusal = gpus.refusal(given: job.gpus) {
            logger.error("job runner sees other GPUs than it was given", [.reason: refusal])
            return try await report(.init(kind: .failed, message: refusal)).state
        }
        if job.kind == .session {
            let session = SessionRunner(
                client: client, job: job, workDirectory: workDirectory, logger: logger,
                environment: ProcessInfo.processInfo.environment)
            return try await session.run(devices: gpus.description) { try await stage(job) }
        }
        _ = try await report(
            .init(kind: .started, message: "staging \(job.inputs.count) input(s)", devices: gpus.description))
        do {
            let summary = try await execute(job)
            return try await report(.init(kind: .succeeded, message: "finished", result: summary)).state
        } catch {
            logger.error("job failed", [.error: "\(error)"])
            return try await report(.init(kind: .failed, message: Self.userMessage(error))).state
        }
    }

    private func execute(_ job: JobAPI.View) async throws -> JSONValue {
        guard let runtime = RuntimeCatalog.runtime(named: job.runtime) else {
            throw RuntimeError(description: "this node has no runtime named \(job.runtime)")
        }
        let lease = try await SecretLease.acquire(client: client, job: job, workDirectory: workDirectory)
        defer { lease.release() }
        let inputs = try await stage(job)
        let output = workDirectory.appending(path: "outputs")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)

        let result = try await runWithProgress(runtime, inputs: inputs, parameters: job.parameters, output: output)
        var uploaded: [JSONValue] = []
        // The attempt writes under its own prefix; Haven publishes the files under the job's prefix on success.
        let scoped = AttemptOutputs.prefix(outputPrefix: job.outputPrefix, attempt: job.attempt)
        for file in result.files {
            let data = try Data(contentsOf: output.appending(path: file))
            let _: ObjectAPI.View = try await client.put(
                objectURL(job, scoped + "/" + file), data: data, sha256: SHA256.hex(data))
            uploaded.append(.string(job.outputPrefix + "/" + file))
        }
        return .object(["outputs": .array(uploaded), "summary": result.summary])
    }

    /// Downloads each input into the work folder, keeping the declared order.
    private func stage(_ job: JobAPI.View) async throws -> [URL] {
        let folder = workDirectory.appending(path: "inputs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var files: [URL] = []
        for (index, input) in job.inputs.enumerated() {
            let data = try await client.data(objectURL(job, input))
            let file = folder.appending(
                path: "\(index)-" + (input.split(separator: "/").last.map(String.init) ?? "input"))
            try data.write(to: file)
            files.append(file)
        }
        return files
    }

    /// Runs the runtime off the caller's task and forwards its progress to Haven in order.
    private func runWithProgress(
        _ runtime: any SegmentationRuntime, inputs: [URL], parameters: [String: JSONValue], output: URL
    ) async throws -> RuntimeResult {
        let (updates, continuation) = AsyncStream.makeStream(of: (Double, String).self)
        let work = Task.detached {
            defer { continuation.finish() }
            return try runtime.run(inputs: inputs, parameters: parameters, output: output) { fraction, message in
                continuation.yield((fraction, message))
            }
        }
        for await (fraction, message) in updates {
            _ = try? await report(.init(kind: .progress, progress: fraction, message: message))
        }
        return try await work.value
    }

    private func report(_ report: JobAPI.Report) async throws -> JobAPI.View {
        try await client.post("/v1/jobs/\(jobID)/reports", report)
    }

    private func objectURL(_ job: JobAPI.View, _ path: String) -> String {
        "/v1/projects/\(job.project)/objects/\(path)?endpoint=\(job.endpoint)"
    }

    /// What a user reads about a failure: the fault itself, without the runner's source locations.
    static func userMessage(_ error: any Error) -> String {
        switch error {
        case let error as NIfTIError: return error.message
        case let error as HavenClientError: return error.description
        default: return "\(error)"
        }
    }
}
