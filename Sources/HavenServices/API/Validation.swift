import HTTPServer

/// Checks of request fields that the database would also refuse, done first so that the error names the field.
enum Validation {
    /// A name of a project, endpoint or pool (`punctuation` "-") or a user ("-_."): a lowercase letter first,
    /// then lowercase letters, digits and the punctuation, 63 characters at most.
    static func name(_ value: String, field: String, punctuation: String = "-") throws {
        let allowed =
            value.first.map { $0.isASCII && $0.isLowercase } == true && value.count <= 63
            && value.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || punctuation.contains($0) }
        guard allowed else {
            let marks = punctuation.map { "`\($0)`" }.joined(separator: " ")
            throw HTTPError.badRequest(
                "field `\(field)` is `\(value)`; use up to 63 lowercase letters, digits and \(marks), "
                    + "starting with a letter")
        }
    }
}
