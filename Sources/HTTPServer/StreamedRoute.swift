/// Decides, from a request's method, path, query and headers alone, whether its body may be received; it
/// throws an ``HTTPError`` to refuse before a byte of the body is read.
public typealias HTTPAdmission = @Sendable (HTTPRequest) async throws -> Void

/// A route whose body the server streams to a staging file instead of memory, with the check it runs first.
struct StreamedRoute: Sendable {
    let method: String
    let pattern: RoutePattern
    let admit: HTTPAdmission
}

extension Router {
    /// Adds a route whose request body is written to a staging file as it arrives and reaches `handler` as
    /// ``HTTPRequest/streamedBody``; `admit` runs when the headers have arrived, so a refused request is
    /// answered before its body is read.
    public mutating func addStreamed(
        _ method: String, _ pattern: String, admit: @escaping HTTPAdmission, _ handler: @escaping HTTPHandler
    ) {
        add(method, pattern, handler)
        streamedRoutes.append(StreamedRoute(method: method.uppercased(), pattern: RoutePattern(pattern), admit: admit))
    }

    /// The admission check of the streamed route for `method` and `path`, with the path parameters it captured.
    func streamedRoute(method: String, path: String) -> (admit: HTTPAdmission, parameters: [String: String])? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let method = method.uppercased()
        let matching = streamedRoutes.compactMap { route in
            route.method == method ? route.pattern.match(segments).map { (route, $0) } : nil
        }
        // The same preference as `match`: most literal segments, then the first added.
        guard let best = matching.reversed().max(by: { $0.0.pattern.literalCount < $1.0.pattern.literalCount })
        else { return nil }
        return (best.0.admit, best.1)
    }
}
