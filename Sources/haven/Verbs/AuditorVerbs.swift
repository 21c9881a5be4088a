import Foundation
import HavenServices

/// Auditor verbs: exports of a project's access log.
enum AuditorVerbs {
    static let all: [Verb] = [export]

    static let export: Verb = Verb(
        words: "audit export", summary: "Export a project's access log as JSON lines or CSV.",
        usage: "audit export PROJECT [--format jsonl|csv] [--to FILE]",
        details: "JSON lines are exact; CSV neutralises cells a spreadsheet would run as formulas.",
        options: ["format", "to"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: export)
        let format = arguments.options["format"] ?? "jsonl"
        let data = try await environment.client(arguments).data("/v1/projects/\(project)/audit?format=" + format)
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
