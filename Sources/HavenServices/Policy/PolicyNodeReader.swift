import YAML

/// Reads the values of one policy file's YAML tree, turning every wrong shape into an error at its place.
struct PolicyNodeReader {
    let file: String

    func fail(_ node: YAMLNode, _ message: String) -> PolicyFileError {
        PolicyFileError(file: file, mark: node.mark, message: message)
    }

    func mapping(_ node: YAMLNode, _ what: String, keys: Set<String>) throws -> [String: YAMLNode] {
        guard case .mapping(let entries, _) = node else {
            throw fail(node, "\(what) must be a mapping, not \(node.kind)")
        }
        var result: [String: YAMLNode] = [:]
        for (key, value) in entries {
            guard keys.contains(key) else {
                let known = keys.sorted().map { "`\($0)`" }.joined(separator: ", ")
                throw fail(value, "unknown key `\(key)` in \(what); the keys are \(known)")
            }
            result[key] = value
        }
        return result
    }

    func list(_ node: YAMLNode, _ what: String) throws -> [YAMLNode] {
        guard case .sequence(let items, _) = node else {
            throw fail(node, "`\(what)` must be a list, not \(node.kind)")
        }
        return items
    }

    func string(_ node: YAMLNode, _ what: String) throws -> String {
        guard case .scalar(let value, _) = node, !value.isEmpty else {
            throw fail(node, "`\(what)` must be non-empty text, not \(node.kind)")
        }
        return value
    }

    func strings(_ node: YAMLNode?, _ what: String) throws -> [String] {
        guard let node else { return [] }
        return try list(node, what).map { try string($0, what) }
    }

    func bool(_ node: YAMLNode?, _ what: String) throws -> Bool {
        guard let node else { return false }
        switch try string(node, what) {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw fail(node, "`\(what)` must be `true` or `false`")
        }
    }

    func number(_ node: YAMLNode?, _ what: String) throws -> Double? {
        guard let node else { return nil }
        guard let value = Double(try string(node, what)), value >= 0, value.isFinite else {
            throw fail(node, "`\(what)` must be a number of zero or more")
        }
        return value
    }

    func count(_ node: YAMLNode?, _ what: String) throws -> Int? {
        guard let node else { return nil }
        guard let value = Int(try string(node, what)), value >= 0 else {
            throw fail(node, "`\(what)` must be a whole number of zero or more")
        }
        return value
    }
}
