import Foundation
import HavenServices

/// `login` and `demo`.
enum LoginVerbs {
    static let all: [Verb] = [login, demo]

    static let login: Verb = Verb(
        words: "login", summary: "Save the server URL and your token for later verbs (file readable by you only).",
        usage: "login --url URL [--ca-file FILE]  (the token is read from standard input)",
        details: "The token is read from standard input so that it never shows in the process list.",
        options: ["ca-file"]
    ) { arguments, environment in
        guard let url = arguments.options["url"] ?? environment.url else {
            throw CLIError.usage("missing --url", verb: login)
        }
        guard arguments.options["token"] == nil else {
            throw CLIError.usage(
                "give the token on standard input, not as --token, so that it stays out of ps", verb: login)
        }
        let token = readLine(strippingNewline: true) ?? ""
        guard !token.isEmpty else { throw CLIError.usage("no token on standard input", verb: login) }
        let client = HavenClient(baseURL: url, token: token, caCertificatePath: arguments.options["ca-file"])
        let identity: [String: String] = try await client.get("/v1/whoami")
        try LoginFile(url: url, token: token, caFile: arguments.options["ca-file"]).write(to: environment.configFile)
        Console.line("Logged in to \(url) as \(identity["actor"] ?? "?"); saved to \(environment.configFile.path).")
    }

    static let demo: Verb = Verb(
        words: "demo",
        summary: "Run the main job end to end on the bundled real CT case, as an admin, a researcher and an auditor.",
        usage: "demo [--samples FOLDER]",
        details: """
            Uses a fresh database `haven_demo` (in the embedded cluster unless HAVEN_DATABASE_URL is set) and
            HAVEN_HOME/demo for storage and exports; a second run starts over.
            """,
        options: ["samples"]
    ) { arguments, environment in
        let samples = arguments.options["samples"].map { URL(filePath: $0) } ?? defaultSamples()
        let configuration = try ServerVerbs.serverConfiguration(environment)
        let report = try await DemoScenario(
            configuration: configuration, samples: samples, logger: environment.logger("haven.demo")
        ).run { line in Console.line(line) }
        Console.line(report.summary)
    }

    private static func defaultSamples() -> URL {
        let local = URL(filePath: FileManager.default.currentDirectoryPath)
            .appending(path: "SampleData/totalsegmentator-example")
        if FileManager.default.fileExists(atPath: local.path) { return local }
        return URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appending(
                path: "SampleData/totalsegmentator-example")
    }
}
