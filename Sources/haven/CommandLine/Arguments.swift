/// A verb's command line after the verb's own words: positional values, `--option value` pairs and `--flag`s.
struct Arguments: Sendable {
    var positional: [String] = []
    var options: [String: String] = [:]
    var flags: Set<String> = []

    /// Splits `words` by what `verb` accepts; an unknown `--name` or a missing value is a usage error.
    init(_ words: [String], for verb: Verb) throws(CLIError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            guard word.hasPrefix("--"), word.count > 2 else {
                positional.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if verb.flags.contains(name) || name == "help" {
                flags.insert(name)
            } else if verb.options.contains(name) || Verb.clientOptions.contains(name) {
                if let inlineValue {
                    options[name] = inlineValue
                } else {
                    guard index < words.count else { throw .usage("--\(name) needs a value", verb: verb) }
                    options[name] = words[index]
                    index += 1
                }
            } else {
                throw .usage("unknown option --\(name)", verb: verb)
            }
        }
    }

    /// Checks what every verb shares: `--output` is `json` or `table`.
    func validate(for verb: Verb) throws(CLIError) {
        if let output = options["output"], output != "json" && output != "table" {
            throw .usage("--output is `\(output)`; use json or table", verb: verb)
        }
    }

    /// The positional value at `index`, or a usage error naming what is missing.
    func positional(_ index: Int, _ name: String, verb: Verb) throws(CLIError) -> String {
        guard index < positional.count else { throw .usage("missing \(name)", verb: verb) }
        return positional[index]
    }

    /// `--output json` asks read verbs for JSON instead of a table.
    var wantsJSON: Bool { options["output"] == "json" }
}
