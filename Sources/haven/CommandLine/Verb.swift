/// One `haven` verb: its words, what it accepts, its help, and what it does.
struct Verb: Sendable {
    /// The words that name it, such as `project create`.
    var words: String
    var summary: String
    /// The argument synopsis after `haven`.
    var usage: String
    /// Longer help: what each argument means.
    var details: String = ""
    var options: Set<String> = []
    var flags: Set<String> = []
    var run: @Sendable (Arguments, Environment) async throws -> Void

    /// Options every client verb accepts: where the server is, who is asking, and the output format.
    static let clientOptions: Set<String> = ["url", "token", "output"]

    var help: String {
        var text = "\(summary)\n\nusage: haven \(usage)\n"
        if !details.isEmpty { text += "\n" + details + "\n" }
        return text
    }
}
