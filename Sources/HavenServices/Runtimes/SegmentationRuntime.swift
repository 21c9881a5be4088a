import Foundation
import HavenCore

/// A program a job runs on its staged inputs; chosen by name so that model runtimes can join the built-in ones.
protocol SegmentationRuntime: Sendable {
    /// The name jobs give in their `runtime` field.
    var name: String { get }

    /// Runs on local copies of the job's inputs, in declaration order, writing output files into `output`.
    func run(
        inputs: [URL], parameters: [String: JSONValue], output: URL, progress: @Sendable (Double, String) -> Void
    ) throws -> RuntimeResult
}

/// What a runtime produced: files in its output folder and a summary stored with the job.
struct RuntimeResult: Sendable {
    var files: [String]
    var summary: JSONValue
}

/// A runtime's refusal or failure, with the input it concerns.
struct RuntimeError: Error, CustomStringConvertible {
    var description: String
}
