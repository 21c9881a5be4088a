import Foundation
import HavenCore
import HavenServices

/// Evaluation verbs: the reports of segmentation-metrics jobs.
enum EvaluationVerbs {
    static let all: [Verb] = [report]

    /// The report file of each format a segmentation-metrics job writes.
    static let files = ["md": "report.md", "csv": "report.csv", "json": "report.json", "png": "report.png"]

    static let report: Verb = Verb(
        words: "eval report", summary: "Download the report of a finished segmentation-metrics job.",
        usage: "eval report JOB [--format md|csv|json|png] [--to FILE]",
        details: "Prints the report (Markdown by default) unless --to names a file; the metrics are defined in "
            + "Docs/metrics.md.",
        options: ["format", "to"]
    ) { arguments, environment in
        let id = try arguments.positional(0, "JOB", verb: report)
        let format = arguments.options["format"] ?? "md"
        guard let file = files[format] else {
            throw CLIError.usage("--format is `\(format)`; use md, csv, json or png", verb: report)
        }
        let client = try environment.client(arguments)
        let job: JobAPI.View = try await client.get("/v1/jobs/" + id)
        guard job.runtime == "segmentation-metrics", job.state == .succeeded else {
            throw CLIError.data(
                "job \(id) is a \(job.state.rawValue) \(job.runtime) job; reports come from succeeded "
                    + "segmentation-metrics jobs")
        }
        let data = try await client.data(
            "/v1/projects/\(job.project)/objects/\(job.outputPrefix)/\(file)?endpoint=\(job.endpoint)")
        guard let target = arguments.options["to"] else {
            FileHandle.standardOutput.write(data)
            return
        }
        guard FileManager.default.createFile(atPath: target, contents: data) else {
            throw CLIError.failure("cannot write \(target); check that its folder exists and is writable")
        }
        Console.line("Wrote \(target) (\(data.count) bytes).")
    }
}
