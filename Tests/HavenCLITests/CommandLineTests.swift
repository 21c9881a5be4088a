import Foundation
import Testing

@Suite(.timeLimit(.minutes(5))) struct CommandLineTests {
    /// Every verb `haven --help` lists, written out by hand so that a verb dropped from the table fails here.
    static let verbs = [
        "serve", "migrate", "version", "login", "demo", "user create", "user list", "project create", "project list",
        "project add-member", "storage create", "pool create", "pool list", "data put", "data get", "data ls",
        "job submit", "job show", "job list", "job cancel", "job run", "model register", "model list", "model show",
        "model attach", "model promote", "model retire", "eval report", "audit export",
        "secret put", "secret get", "secret list", "secret rotate", "secret disable", "secret delete", "secret recover",
        "secret purge", "vault rotate-kek", "pacs search", "pacs pull", "dicom import", "dicom studies",
        "dicom policy",
    ]

    @Test func overviewListsEveryVerbOnStdout() async throws {
        let result = try await HavenProcess.run(["--help"])
        #expect(result.status == 0)
        for verb in Self.verbs {
            #expect(result.stdout.contains("  " + verb + " "), "missing \(verb)")
        }
    }

    @Test(arguments: verbs)
    func everyVerbHasHelp(verb: String) async throws {
        let result = try await HavenProcess.run(verb.split(separator: " ").map(String.init) + ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("usage: haven " + verb))
        #expect(result.stderr.isEmpty)
    }

    @Test func unknownVerbIsAUsageError() async throws {
        let result = try await HavenProcess.run(["frobnicate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown verb `frobnicate`"))
        #expect(result.stdout.isEmpty)
    }

    @Test func unknownOptionNamesItAndShowsUsage() async throws {
        let result = try await HavenProcess.run(["project", "list", "--colour", "red"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown option --colour"))
        #expect(result.stderr.contains("usage: haven project list"))
    }

    @Test func unreachableServerExits69() async throws {
        let result = try await HavenProcess.run(["project", "list", "--url", "http://127.0.0.1:1", "--token", "hvn_x"])
        #expect(result.status == 69)
        #expect(result.stderr.contains("cannot reach the Haven server at http://127.0.0.1:1"))
    }

    @Test func badLogLevelIsNamed() async throws {
        let result = try await HavenProcess.run(["version"], environment: ["HAVEN_LOG_LEVEL": "loud"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("HAVEN_LOG_LEVEL is `loud`"))
    }
}

@Suite struct CommandLineRefusalTests {
    @Test func groupNameListsItsVerbs() async throws {
        let result = try await HavenProcess.run(["job", "--help"])
        #expect(result.status == 0)
        for verb in ["job submit", "job show", "job list", "job run"] {
            #expect(result.stdout.contains("haven " + verb))
        }
    }

    @Test func unknownOutputFormatIsAUsageError() async throws {
        let result = try await HavenProcess.run(["project", "list", "--output", "yaml", "--token", "hvn_x"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--output is `yaml`; use json or table"))
    }

    @Test func loginRefusesATokenOnTheCommandLine() async throws {
        let result = try await HavenProcess.run(["login", "--url", "http://127.0.0.1:1", "--token", "hvn_x"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("standard input"))
    }

    @Test func objectPathWithDotDotIsRefusedBeforeAnyRequest() async throws {
        let result = try await HavenProcess.run([
            "data", "get", "spine-ct", "a/../b", "--url", "http://127.0.0.1:1", "--token", "hvn_x",
        ])
        #expect(result.status == 64)
        #expect(result.stderr.contains("object path `a/../b`"))
    }

    @Test func negativeGPUCountIsAUsageError() async throws {
        let result = try await HavenProcess.run(["pool", "create", "p", "--gpus", "-3", "--token", "hvn_x"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--gpus is `-3`"))
    }
}
