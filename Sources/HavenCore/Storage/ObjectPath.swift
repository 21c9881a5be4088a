/// Rules for object paths inside a storage endpoint: relative, slash-separated, no empty, `.` or `..` segments.
public enum ObjectPath {
    /// Characters allowed in a segment besides letters and digits.
    static let punctuation: Set<Character> = ["-", "_", ".", "+", "="]

    /// Checks `path`, returning a message that names what is wrong, or nil when the path is valid.
    public static func problem(in path: String) -> String? {
        if path.isEmpty { return "object path is empty; give a relative path such as `images/ct.nii.gz`" }
        if path.utf8.count > 512 { return "object path is longer than 512 bytes" }
        if path.hasPrefix("/") { return "object path `\(path)` is absolute; give it relative to the endpoint" }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty || segment.hasPrefix(".") {
                return "object path `\(path)` has an empty segment or one starting with `.`; such names are reserved"
            }
            if let bad = segment.first(where: {
                !($0.isASCII && ($0.isLetter || $0.isNumber)) && !punctuation.contains($0)
            }) {
                return "object path `\(path)` contains `\(bad)`; use letters, digits and - _ . + ="
            }
        }
        return nil
    }

    /// Whether `path` lies under the folder `prefix` (which ends without a slash).
    public static func isInside(_ path: String, prefix: String) -> Bool {
        path.hasPrefix(prefix + "/") && path.count > prefix.count + 1
    }
}
