/// Reads the text `dcmdump -q +L -M -Un +Qo +F` prints for one or more files into their attributes.
///
/// Each file starts with a `# dcmdump (i/n): PATH` line; attributes are indented two spaces per nesting level
/// (a sequence's items one level in, the items' attributes two). Values print in brackets, numbers without, and
/// `(no value available)` stands for an empty value; `+Qo` turns control characters into octal escapes, so every
/// attribute sits on one line.
public enum DICOMDumpParser {
    /// The attributes of each file in `dump`, in the order the tool printed them.
    public static func parse(_ dump: String) -> [DICOMDataset] {
        var datasets: [DICOMDataset] = []
        var stack: [DICOMPathStep] = []
        for line in dump.split(separator: "\n", omittingEmptySubsequences: true) {
            if let name = fileName(line) {
                datasets.append(DICOMDataset(file: name, elements: []))
                stack = []
                continue
            }
            guard !datasets.isEmpty, let parsed = parseLine(line) else { continue }
            let level = parsed.indent / 4
            if parsed.tag == DICOMTag(0xfffe, 0xe000) {
                let itemLevel = (parsed.indent - 2) / 4
                if itemLevel < stack.count { stack[itemLevel].item += 1 }
                continue
            }
            if parsed.tag.group == 0xfffe { continue }
            stack = Array(stack.prefix(level))
            let element = DICOMElement(
                path: stack, tag: parsed.tag, vr: parsed.vr, values: values(parsed.rest, vr: parsed.vr))
            datasets[datasets.count - 1].elements.append(element)
            if parsed.vr == "SQ" { stack.append(DICOMPathStep(sequence: parsed.tag, item: -1)) }
        }
        return datasets
    }

    private static func fileName(_ line: Substring) -> String? {
        guard line.hasPrefix("# dcmdump ("), let colon = line.firstIndex(of: ":") else { return nil }
        return String(line[line.index(after: colon)...].dropFirst())
    }

    private static func parseLine(_ line: Substring) -> (indent: Int, tag: DICOMTag, vr: String, rest: Substring)? {
        let indent = line.prefix { $0 == " " }.count
        let body = line.dropFirst(indent)
        guard body.first == "(", body.count > 15, let tag = DICOMTag(body.prefix(11)) else { return nil }
        let vr = String(body.dropFirst(12).prefix(2))
        var rest = body.dropFirst(15)
        if let comment = rest.lastIndex(of: "#") { rest = rest[..<comment] }
        return (indent, tag, vr, rest)
    }

    /// The values of one attribute: bracketed text unescaped, bare numbers as printed, nothing for no value.
    static func values(_ rest: Substring, vr: String) -> [String] {
        let trimmed = rest.trimmingTrailingSpaces
        if trimmed.hasPrefix("(") || vr == "SQ" { return [] }
        var text = trimmed
        if text.hasPrefix("["), let close = text.lastIndex(of: "]") {
            text = text[text.index(after: text.startIndex)..<close]
        }
        if singleValued.contains(vr) { return [unescape(text)] }
        return text.split(separator: "\\", omittingEmptySubsequences: false).map { unescape($0) }
    }

    /// Text representations that never hold several values, so a backslash in them is an escape, not a separator.
    static let singleValued: Set<String> = ["LT", "ST", "UT", "UR"]

    /// Turns `+Qo` octal escapes (`\015`) back into their characters.
    static func unescape(_ text: Substring) -> String {
        guard text.contains("\\") else { return String(text) }
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index != utf8.endIndex {
            let byte = utf8[index]
            let digits = utf8[index...].dropFirst().prefix(3)
            if byte == UInt8(ascii: "\\"), digits.count == 3, digits.allSatisfy({ (48...55).contains($0) }),
                let value = UInt8(String(decoding: digits, as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                index = utf8.index(index, offsetBy: 4)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    fileprivate var trimmingTrailingSpaces: Substring {
        var text = self
        while text.last == " " { text = text.dropLast() }
        return text
    }
}
