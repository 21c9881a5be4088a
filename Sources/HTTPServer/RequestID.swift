import Foundation

/// Request IDs: a caller's own if it is safe to echo and log, a fresh one otherwise.
enum RequestID {
    static let maximumLength = 64

    /// `incoming` if it is 1–64 characters of `A–Z a–z 0–9 - _`, otherwise a new random ID.
    static func accept(_ incoming: String?) -> String {
        if let incoming, isValid(incoming) { return incoming }
        return UUID().uuidString.lowercased()
    }

    static func isValid(_ id: String) -> Bool {
        guard !id.isEmpty, id.utf8.count <= maximumLength else { return false }
        return id.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                true
            default:
                false
            }
        }
    }
}
