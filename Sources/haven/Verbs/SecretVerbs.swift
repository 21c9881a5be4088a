import Foundation
import HavenServices

/// `secret ...` and `vault rotate-kek`: the key vault. Values come from standard input or a file, never from a
/// command-line argument, where the process list and shell history would show them.
enum SecretVerbs {
    static let all: [Verb] = [put, get, list, rotate, disable, delete, recover, purge, rotateKEK]

    static let valueDetails =
        "The value is read from --from-file FILE, else from standard input (one trailing "
        + "newline is dropped); never from an argument."

    static let put: Verb = Verb(
        words: "secret put", summary: "Create a project secret from standard input or a file.",
        usage: "secret put PROJECT NAME [--from-file FILE]", details: valueDetails, options: ["from-file"]
    ) { arguments, environment in
        let (project, name) = try target(arguments, put)
        let value = try readValue(arguments)
        let view: SecretAPI.View = try decode(
            try await environment.client(arguments).raw("PUT", path(project, name), body: value))
        try show(view, arguments, "Stored")
    }

    static let get: Verb = Verb(
        words: "secret get", summary: "Write a secret's value (latest or one version) to standard output or a file.",
        usage: "secret get PROJECT NAME [--version N] [--to FILE]",
        details: "Needs the secret.read right: project owners have it; researchers may use secrets but not read them.",
        options: ["version", "to"]
    ) { arguments, environment in
        let (project, name) = try target(arguments, get)
        let query = arguments.options["version"].map { "?version=" + $0 } ?? ""
        let value = try await environment.client(arguments).raw("GET", path(project, name) + query)
        guard let file = arguments.options["to"] else {
            FileHandle.standardOutput.write(value)
            return
        }
        try writeOwnerOnly(value, to: file)
        Console.line("Wrote \(file) (mode 0600).")
    }

    static let list: Verb = Verb(
        words: "secret list", summary: "List a project's secrets: names, states and versions, never values.",
        usage: "secret list PROJECT"
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: list)
        let views: [SecretAPI.View] = try await environment.client(arguments).get("/v1/projects/\(project)/secrets")
        if arguments.wantsJSON { return try Output.json(views) }
        for view in views {
            Console.line("\(view.name)  \(view.state)  version \(view.latestVersion)  by \(view.createdBy)")
        }
    }

    static let rotate: Verb = Verb(
        words: "secret rotate",
        summary: "Add a new version of a secret; earlier ones stay readable for a grace period.",
        usage: "secret rotate PROJECT NAME [--from-file FILE] [--grace SECONDS]",
        details: valueDetails + " The grace period is 86400 seconds unless --grace says otherwise.",
        options: ["from-file", "grace"]
    ) { arguments, environment in
        let (project, name) = try target(arguments, rotate)
        let value = try readValue(arguments)
        let query = arguments.options["grace"].map { "?grace=" + $0 } ?? ""
        let view: SecretAPI.View = try decode(
            try await environment.client(arguments).raw("POST", path(project, name) + "/versions" + query, body: value))
        try show(view, arguments, "Rotated")
    }

    static let disable: Verb = state("disable", "Disable a secret: reads and job leases are refused until recovered.")

    static let recover: Verb = state("recover", "Make a disabled or deleted (not yet purged) secret active again.")

    static let delete: Verb = Verb(
        words: "secret delete", summary: "Soft-delete a secret; it can be recovered during its recovery window.",
        usage: "secret delete PROJECT NAME [--recovery-window SECONDS]",
        details: "The recovery window is 604800 seconds (7 days) unless --recovery-window says otherwise.",
        options: ["recovery-window"]
    ) { arguments, environment in
        let (project, name) = try target(arguments, delete)
        let query = arguments.options["recovery-window"].map { "?recovery=" + $0 } ?? ""
        let view: SecretAPI.View = try decode(
            try await environment.client(arguments).raw("POST", path(project, name) + "/delete" + query))
        try show(view, arguments, "Deleted")
    }

    static let purge: Verb = Verb(
        words: "secret purge", summary: "Remove a deleted secret for good, after its recovery window.",
        usage: "secret purge PROJECT NAME"
    ) { arguments, environment in
        let (project, name) = try target(arguments, purge)
        _ = try await environment.client(arguments).raw("DELETE", path(project, name))
        Console.line("Purged \(name).")
    }

    static let rotateKEK: Verb = Verb(
        words: "vault rotate-kek", summary: "Rewrap every data key of the vault under a new key-encryption key.",
        usage: "vault rotate-kek --new-key-file FILE",
        details: """
            FILE holds 32 random bytes as base64 (`openssl rand -base64 32`) and must be readable by its owner only.
            The server keeps the old key while it rewraps, so the vault stays readable, then saves the new key in
            its key file; a server whose key came from HAVEN_VAULT_KEK needs that variable changed before its next
            start.
            """,
        options: ["new-key-file"]
    ) { arguments, environment in
        guard let file = arguments.options["new-key-file"] else {
            throw CLIError.usage("missing --new-key-file", verb: rotateKEK)
        }
        let key: KeyEncryptionKey
        do throws(VaultError) {
            key = try KeyEncryptionKey.load(file: URL(filePath: file))
        } catch {
            throw CLIError.data(error.message)
        }
        let text = try String(contentsOf: URL(filePath: file), encoding: .utf8)
        let result: SecretAPI.KEKRotation = try await environment.client(arguments).post(
            "/v1/vault/rotate-kek", SecretAPI.RotateKEK(key: text.trimmingCharacters(in: .whitespacesAndNewlines)))
        if arguments.wantsJSON { return try Output.json(result) }
        Console.line("Rewrapped \(result.rewrapped) data key(s) under key-encryption key \(key.id).")
    }

    private static func state(_ word: String, _ summary: String) -> Verb {
        Verb(words: "secret " + word, summary: summary, usage: "secret \(word) PROJECT NAME") {
            arguments, environment in
            guard arguments.positional.count == 2 else {
                throw CLIError.usage("give PROJECT and NAME\nusage: haven secret \(word) PROJECT NAME", verb: nil)
            }
            let (project, name) = (arguments.positional[0], arguments.positional[1])
            let view: SecretAPI.View = try decode(
                try await environment.client(arguments).raw("POST", path(project, name) + "/" + word))
            try show(view, arguments, word == "disable" ? "Disabled" : "Recovered")
        }
    }

    private static func target(_ arguments: Arguments, _ verb: Verb) throws(CLIError) -> (String, String) {
        (try arguments.positional(0, "PROJECT", verb: verb), try arguments.positional(1, "NAME", verb: verb))
    }

    private static func path(_ project: String, _ name: String) -> String {
        "/v1/projects/\(project)/secrets/\(name)"
    }

    private static func readValue(_ arguments: Arguments) throws -> Data {
        var value: Data
        if let file = arguments.options["from-file"] {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw CLIError.data("cannot read \(file); check the path and its permissions")
            }
            value = data
        } else {
            value = FileHandle.standardInput.readDataToEndOfFile()
            if value.last == UInt8(ascii: "\n") { value.removeLast() }
        }
        guard !value.isEmpty else { throw CLIError.data("the secret value is empty; give it on standard input") }
        return value
    }

    private static func decode<T: Decodable>(_ data: Data) throws -> T {
        try APIJSON.decoder().decode(T.self, from: data)
    }

    private static func show(_ view: SecretAPI.View, _ arguments: Arguments, _ verb: String) throws {
        if arguments.wantsJSON { return try Output.json(view) }
        Console.line("\(verb) \(view.name): \(view.state), version \(view.latestVersion).")
    }

    private static func writeOwnerOnly(_ value: Data, to file: String) throws {
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw CLIError.failure("cannot write \(file); check that its folder exists and is writable")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: value)
        try handle.close()
    }
}
