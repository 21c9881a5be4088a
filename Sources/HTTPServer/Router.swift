/// A function that answers one request.
public typealias HTTPHandler = @Sendable (HTTPRequest) async throws -> HTTPResponse

/// Maps a method and path to a handler.
///
/// Patterns have literal segments, `:name` segments matching one segment, and an optional final
/// `*name` segment matching the rest. When several routes match, the one with the most literal
/// segments wins, then the one added first. `HEAD` falls back to the `GET` route.
public struct Router: Sendable {
    /// The outcome of matching a request against the routes.
    public enum Match: Sendable {
        /// A route matched; the handler and the captured path parameters.
        case found(HTTPHandler, parameters: [String: String])
        /// The path matches routes, but none for this method; the methods that would work.
        case methodNotAllowed(allowed: [String])
        /// No route has this path.
        case notFound
    }

    private struct Route: Sendable {
        let method: String
        let pattern: RoutePattern
        let handler: HTTPHandler
    }

    private var routes: [Route] = []
    /// The admission checks of routes whose bodies stream to a staging file (see ``addStreamed(_:_:admit:_:)``).
    var streamedRoutes: [StreamedRoute] = []

    /// Makes a router with no routes.
    public init() {}

    /// Adds a route for `method` (case-insensitive) and `pattern`, such as `/v1/projects/:id`.
    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping HTTPHandler) {
        routes.append(Route(method: method.uppercased(), pattern: RoutePattern(pattern), handler: handler))
    }

    /// Finds the route for `method` and `path`.
    public func match(method: String, path: String) -> Match {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        let candidates = routes.compactMap { route in route.pattern.match(segments).map { (route, $0) } }
        guard !candidates.isEmpty else { return .notFound }

        let method = method.uppercased()
        for wanted in method == "HEAD" ? ["HEAD", "GET"] : [method] {
            let forMethod = candidates.filter { $0.0.method == wanted }
            // max(by:) keeps the last of equals, so search the reversed list to prefer the first added.
            if let best = forMethod.reversed().max(by: { $0.0.pattern.literalCount < $1.0.pattern.literalCount }) {
                return .found(best.0.handler, parameters: best.1)
            }
        }

        var allowed = Set(candidates.map(\.0.method))
        if allowed.contains("GET") { allowed.insert("HEAD") }
        return .methodNotAllowed(allowed: allowed.sorted())
    }
}
