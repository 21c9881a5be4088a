/// Writes and reads one-dimensional text arrays in PostgreSQL's array literal syntax (`{"a","b c"}`).
enum PostgresArrayLiteral {
    /// The literal for `elements`, every element quoted so that commas, braces and spaces stay inside it.
    static func encode(_ elements: [String]) -> String {
        let quoted = elements.map { element in
            "\"" + element.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        return "{" + quoted.joined(separator: ",") + "}"
    }

    /// The elements of a one-dimensional literal; nil for NULL elements, nested arrays or malformed text.
    static func decode(_ literal: String) -> [String]? {
        var characters = Substring(literal)
        guard characters.first == "{", characters.last == "}" else { return nil }
        characters = characters.dropFirst().dropLast()
        if characters.isEmpty { return [] }

        var elements: [String] = []
        while true {
            guard let element = nextElement(&characters) else { return nil }
            elements.append(element)
            guard let separator = characters.popFirst() else { return elements }
            guard separator == "," else { return nil }
        }
    }

    /// Reads one element from the front of `rest`, leaving the separator that follows it.
    private static func nextElement(_ rest: inout Substring) -> String? {
        guard rest.first == "\"" else {
            let end = rest.firstIndex(of: ",") ?? rest.endIndex
            let bare = String(rest[..<end])
            rest = rest[end...]
            let isValid =
                !bare.isEmpty && bare.uppercased() != "NULL" && !bare.contains(where: { "{}\"\\".contains($0) })
            return isValid ? bare : nil
        }

        rest.removeFirst()
        var element = ""
        while let character = rest.popFirst() {
            switch character {
            case "\"": return element
            case "\\":
                guard let escaped = rest.popFirst() else { return nil }
                element.append(escaped)
            default: element.append(character)
            }
        }
        return nil
    }
}
