import Foundation

/// Turns a `DecodingError` into a sentence a client can act on, naming the field by its JSON path.
enum DecodingErrorMessage {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "field `\(path(context.codingPath + [key]))` is missing"
        case .typeMismatch(let type, let context):
            return "\(subject(context.codingPath)) must be \(kind(of: type))"
        case .valueNotFound(let type, let context):
            return "\(subject(context.codingPath)) must not be null; send \(kind(of: type))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "request body is not valid JSON: \(detail ?? context.debugDescription)"
        case .dataCorrupted(let context):
            return "\(subject(context.codingPath)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "request body does not match the expected shape"
        }
    }

    /// `items[2].name` for the coding path items → 2 → name.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func subject(_ codingPath: [any CodingKey]) -> String {
        codingPath.isEmpty ? "request body" : "field `\(path(codingPath))`"
    }

    /// The JSON kind a Swift type is decoded from, in words.
    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type, is URL.Type, is UUID.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is any BinaryInteger.Type: return "an integer"
        case is any BinaryFloatingPoint.Type, is Decimal.Type: return "a number"
        case is Date.Type: return "an ISO-8601 date string"
        default: break
        }

        let name = String(describing: type)
        if name.hasPrefix("Array<") || name.hasPrefix("[") && !name.contains(":") { return "an array" }
        return "an object"
    }
}
