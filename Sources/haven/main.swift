import Foundation

/// Every verb, in the order `haven --help` lists them.
let verbs: [Verb] =
    ServerVerbs.all + LoginVerbs.all + AdminVerbs.all + ResearcherVerbs.all + SessionVerbs.all + ModelVerbs.all
    + EvaluationVerbs.all + AuditorVerbs.all + SecretVerbs.all + ComputeVerbs.all + PACSVerbs.all
    + PolicyVerbs.all + GovernanceVerbs.all + TokenVerbs.all

func overview() -> String {
    let width = verbs.map(\.words.count).max() ?? 0
    let lines = verbs.map { "  " + $0.words.padding(toLength: width + 2, withPad: " ", startingAt: 0) + $0.summary }
    return """
        haven: the control plane of a trusted research environment for medical-imaging AI.

        usage: haven VERB [ARGUMENTS] [--help]

        \(lines.joined(separator: "\n"))

        Client verbs take --url and --token (or HAVEN_URL / HAVEN_TOKEN, or `haven login`); read verbs take
        --output json. Exit codes: 0 success, 64 usage, 65 bad input, 69 service unavailable, 77 permission denied,
        1 anything else.
        """
}

/// The verb named by the longest run of leading words, and the words after it.
func resolve(_ words: [String]) -> (Verb, [String])? {
    for count in stride(from: min(2, words.count), through: 1, by: -1) {
        let name = words.prefix(count).joined(separator: " ")
        if let verb = verbs.first(where: { $0.words == name }) { return (verb, Array(words.dropFirst(count))) }
    }
    return nil
}

let words = Array(CommandLine.arguments.dropFirst())
if words.isEmpty || words == ["--help"] || words == ["help"] {
    Console.line(overview())
    exit(words.isEmpty ? 64 : 0)
}

do {
    guard let (verb, rest) = resolve(words) else {
        // A group's name alone (`haven job`, `haven job --help`) lists the group's verbs.
        let group = verbs.filter { $0.words.hasPrefix(words[0] + " ") }
        if !group.isEmpty && (words.count == 1 || words[1] == "--help") {
            Console.line(group.map { "haven \($0.usage)\n    \($0.summary)" }.joined(separator: "\n"))
            exit(words.count == 1 ? 64 : 0)
        }
        throw CLIError.usage("unknown verb `\(words.prefix(2).joined(separator: " "))`; see haven --help", verb: nil)
    }
    let arguments = try Arguments(rest, for: verb)
    try arguments.validate(for: verb)
    if arguments.flags.contains("help") {
        Console.line(verb.help)
        exit(0)
    }
    try await verb.run(arguments, try Environment())
} catch {
    let (code, message) = CLIError.exit(for: error)
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(code)
}
