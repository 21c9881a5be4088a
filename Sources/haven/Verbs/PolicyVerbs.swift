import Foundation
import HavenCore
import HavenServices

/// Policy verbs: apply a policy folder (or only compare it), list versions, roll back, explain a decision.
enum PolicyVerbs {
    static let all: [Verb] = [policyApply, policyHistory, policyRollback, policyExplain]

    static let policyApply: Verb = Verb(
        words: "policy apply", summary: "Apply the policy files of a folder, or with --dry-run only show the change.",
        usage: "policy apply DIR [--dry-run] [--output json]",
        details: "DIR holds .yaml policy files (see Policies/README.md). The dry run lists who gains and who loses "
            + "which permission and changes nothing.",
        flags: ["dry-run"]
    ) { arguments, environment in
        let folder = URL(filePath: try arguments.positional(0, "DIR", verb: policyApply))
        let files: [PolicyFile]
        do {
            files = try PolicyFolder.read(folder)
        } catch let error as PolicyFolderError {
            throw CLIError.data(error.message)
        }
        let dryRun = arguments.flags.contains("dry-run")
        let applied: PolicyAPI.Applied = try await environment.client(arguments).post(
            "/v1/policies", PolicyAPI.Apply(files: files, dryRun: dryRun))
        if arguments.wantsJSON { return try Output.json(applied) }
        printChange(applied, dryRun: dryRun)
    }

    static let policyHistory: Verb = Verb(
        words: "policy history", summary: "List the stored policy versions, newest first.",
        usage: "policy history [--output json]"
    ) { arguments, environment in
        let versions: [PolicyAPI.Version] = try await environment.client(arguments).get("/v1/policies")
        try Output.list(versions, arguments, header: ["VERSION", "ACTIVE", "APPLIED BY", "APPLIED AT", "SHA-256"]) {
            [
                String($0.version) + ($0.restores.map { " (restores \($0))" } ?? ""), $0.active ? "yes" : "",
                $0.appliedBy, ISO8601DateFormatter().string(from: $0.appliedAt), $0.contentHash,
            ]
        }
    }

    static let policyRollback: Verb = Verb(
        words: "policy rollback", summary: "Make an earlier policy version the one in force, as a new version.",
        usage: "policy rollback VERSION [--output json]"
    ) { arguments, environment in
        let text = try arguments.positional(0, "VERSION", verb: policyRollback)
        guard let version = Int(text), version > 0 else {
            throw CLIError.usage(
                "VERSION is `\(text)`; give a number from `haven policy history`", verb: policyRollback)
        }
        let applied: PolicyAPI.Applied = try await environment.client(arguments).post(
            "/v1/policies/rollback", PolicyAPI.Rollback(version: version))
        if arguments.wantsJSON { return try Output.json(applied) }
        printChange(applied, dryRun: false)
    }

    static let policyExplain: Verb = Verb(
        words: "policy explain", summary: "Say which rule decides a request, and why the others do not.",
        usage: "policy explain --user USER --action ACTION [--resource PROJECT[/DATASET[:PATH]]] [--purpose TEXT]",
        options: ["user", "action", "resource", "purpose"]
    ) { arguments, environment in
        guard let user = arguments.options["user"], let action = arguments.options["action"] else {
            throw CLIError.usage("give --user and --action", verb: policyExplain)
        }
        let question = PolicyAPI.ExplainQuery(
            user: user, action: action, resource: arguments.options["resource"] ?? "",
            purpose: arguments.options["purpose"])
        let explanation: PolicyAPI.Explanation = try await environment.client(arguments).post(
            "/v1/policies/explain", question)
        if arguments.wantsJSON { return try Output.json(explanation) }
        let version = explanation.version.map { "policy version \($0)" } ?? "the built-in policy"
        Console.line("\(explanation.allowed ? "ALLOW" : "DENY") by rule \(explanation.rule) (\(version))")
        Console.line("  " + explanation.reason)
        for verdict in explanation.verdicts where !verdict.decided {
            Console.line("  \(verdict.rule) (\(verdict.effect.rawValue)): \(verdict.because)")
        }
    }

    private static func printChange(_ applied: PolicyAPI.Applied, dryRun: Bool) {
        if dryRun {
            Console.line("Dry run: nothing changed. Policy sha256 \(applied.contentHash).")
        } else {
            Console.line("Policy version \(applied.version ?? 0) is now in force (sha256 \(applied.contentHash)).")
        }
        if applied.diff.gained.isEmpty && applied.diff.lost.isEmpty { Console.line("No permission changes.") }
        for grant in applied.diff.gained { Console.line("+ " + grant.line) }
        for grant in applied.diff.lost { Console.line("- " + grant.line) }
    }
}
