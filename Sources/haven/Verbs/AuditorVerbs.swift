import Foundation
import HavenCrypto
import HavenServices

/// Auditor verbs: exports of a project's audit ledger, and their verification.
enum AuditorVerbs {
    static let all: [Verb] = [export, verify, publicKey]

    static let filters = ["from", "until", "user", "action", "resource", "outcome"]

    static let export: Verb = Verb(
        words: "audit export", summary: "Export a project's audit ledger as JSON lines or CSV.",
        usage:
            "audit export PROJECT [--format jsonl|csv] [--to FILE] [--from TIME] [--until TIME] [--user U] "
            + "[--action A] [--resource R] [--outcome success|denied|failed]",
        details:
            "JSON lines are exact and verifiable with `haven audit verify`; CSV neutralises cells a spreadsheet "
            + "would run as formulas.",
        options: Set(["format", "to"] + filters)
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: export)
        var query = "format=" + (arguments.options["format"] ?? "jsonl")
        for name in filters {
            guard let value = arguments.options[name] else { continue }
            query += "&\(name)=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? value)
        }
        let client = try environment.client(arguments)
        let path = "/v1/projects/\(project)/audit?" + query
        guard let target = arguments.options["to"] else {
            FileHandle.standardOutput.write(try await client.data(path))
            return
        }
        // Streamed to the file as it arrives, which replaces TARGET only once the export is complete.
        let cwd = URL(filePath: FileManager.default.currentDirectoryPath)
        let file = target.hasPrefix("/") ? URL(filePath: target) : cwd.appending(path: target)
        let size = try await client.download(path, to: file)
        Console.line("Wrote \(target) (\(size) bytes).")
    }

    static let verify: Verb = Verb(
        words: "audit verify", summary: "Check a JSON-lines ledger export offline, or the server's ledger.",
        usage: "audit verify FILE [--public-key HEX|FILE] | audit verify --live",
        details:
            "Recomputes the hash chain, checks checkpoint signatures against the public key, and names the first "
            + "entry that breaks. --live asks the server to check its whole ledger (admins only).",
        options: ["public-key"], flags: ["live"]
    ) { arguments, environment in
        if arguments.flags.contains("live") {
            let report: LedgerVerificationView = try await environment.client(arguments).get("/v1/audit/verify")
            if let failure = report.failure { throw CLIError.data("the ledger is broken: \(failure)") }
            Console.line("The ledger holds: \(report.entries) entries, \(report.checkpoints) checkpoints.")
            return
        }

        let path = try arguments.positional(0, "FILE", verb: verify)
        var key: Ed25519PublicKey?
        if let given = arguments.options["public-key"] {
            let text = (try? String(contentsOfFile: given, encoding: .utf8)) ?? given
            do { key = try Ed25519PublicKey(hex: text) } catch { throw CLIError.data("\(error)") }
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CLIError.data("cannot read \(path); check the path")
        }
        var verifier = LedgerVerifier(publicKey: key)
        var pending = Data()
        // Reads a megabyte at a time so that memory stays flat for any export size.
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            pending.append(chunk)
            let checked = verifier.checkLines(in: pending)
            pending = Data(pending[(pending.startIndex + checked)...])
        }
        if !pending.isEmpty { verifier.check(line: pending) }

        let report = verifier.result
        if let failure = report.failure { throw CLIError.data("\(path) does not verify: \(failure)") }
        let signed = report.lastSignedSequence.map { "signed through sequence \($0)" } ?? "no checkpoint in range"
        Console.line("\(path) verifies: \(report.entries) entries, \(report.checkpoints) checkpoints, \(signed).")
    }

    static let publicKey: Verb = Verb(
        words: "audit public-key", summary: "Print the ledger's public key, for `haven audit verify`.",
        usage: "audit public-key", details: "The Ed25519 key that signs the ledger's checkpoints, in hex.",
        options: []
    ) { arguments, environment in
        let data = try await environment.client(arguments).data("/v1/audit/public-key")
        FileHandle.standardOutput.write(data)
    }
}
