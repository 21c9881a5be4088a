import Foundation

/// Hides parameter values that the server quotes back in a primary message (`invalid input syntax ...: "x"`).
enum ParameterMasking {
    /// Values shorter than this are masked only where quoted, so that a parameter such as `1` does not
    /// blank out every digit of a message.
    static let minimumBareLength = 4

    static func mask(_ message: String, values: [PostgresValue]) -> String {
        let texts = values.compactMap { value -> String? in
            guard value.format == .text, let bytes = value.bytes, !bytes.isEmpty else { return nil }
            return String(decoding: bytes, as: UTF8.self)
        }

        var masked = message
        // Longest first, so that a value containing a shorter one is hidden whole.
        for text in texts.sorted(by: { $0.count > $1.count }) {
            masked = masked.replacingOccurrences(of: "\"\(text)\"", with: "\"***\"")
            if text.count >= minimumBareLength {
                masked = masked.replacingOccurrences(of: text, with: "***")
            }
        }
        return masked
    }
}
