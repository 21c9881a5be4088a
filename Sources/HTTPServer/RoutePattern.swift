/// A parsed route pattern such as `/v1/projects/:id/files/*path`.
///
/// Segments are literal text, `:name` (exactly one path segment) or, last only, `*name` (the rest
/// of the path, possibly empty, with its slashes).
struct RoutePattern: Sendable, CustomStringConvertible {
    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
        case rest(String)
    }

    let segments: [Segment]
    let description: String

    init(_ pattern: String) {
        let parts = pattern.split(separator: "/", omittingEmptySubsequences: true)
        var segments: [Segment] = []
        for (index, part) in parts.enumerated() {
            if part.hasPrefix(":") {
                precondition(part.count > 1, "route pattern \(pattern) has a `:` segment without a name")
                segments.append(.parameter(String(part.dropFirst())))
            } else if part.hasPrefix("*") {
                precondition(index == parts.count - 1, "route pattern \(pattern) has a `*` segment before the end")
                segments.append(.rest(String(part.dropFirst())))
            } else {
                segments.append(.literal(String(part)))
            }
        }
        self.segments = segments
        self.description = pattern
    }

    /// How many literal segments the pattern has; more literals make a more specific route.
    var literalCount: Int {
        segments.count { if case .literal = $0 { true } else { false } }
    }

    /// The parameters captured from `path` if it matches, nil otherwise.
    func match(_ path: [Substring]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, segment) in segments.enumerated() {
            switch segment {
            case .rest(let name):
                parameters[name] = path.dropFirst(index).joined(separator: "/")
                return parameters
            case .literal(let text):
                guard index < path.count, path[index] == text else { return nil }
            case .parameter(let name):
                guard index < path.count else { return nil }
                parameters[name] = String(path[index])
            }
        }
        return path.count == segments.count ? parameters : nil
    }
}
