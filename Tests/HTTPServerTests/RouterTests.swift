import HTTPServer
import Testing

@Suite("Router")
struct RouterTests {
    /// A router whose handlers answer with their own name, so a test can see which one matched.
    static func router(_ routes: [(String, String)]) -> Router {
        var router = Router()
        for (method, pattern) in routes {
            router.add(method, pattern) { _ in .text("\(method) \(pattern)") }
        }
        return router
    }

    static func matchedBody(_ match: Router.Match) async throws -> (String, [String: String])? {
        guard case .found(let handler, let parameters) = match else { return nil }
        let response = try await handler(HTTPRequest(method: "GET", path: "/"))
        return (String(decoding: response.body, as: UTF8.self), parameters)
    }

    @Test func parameterSegmentCapturesItsValue() async throws {
        let router = Self.router([("GET", "/v1/projects/:id")])
        let matched = try #require(try await Self.matchedBody(router.match(method: "GET", path: "/v1/projects/42")))
        #expect(matched.0 == "GET /v1/projects/:id")
        #expect(matched.1 == ["id": "42"])
    }

    @Test func literalRouteBeatsParameterRouteWhateverTheOrder() async throws {
        let router = Self.router([("GET", "/v1/projects/:id"), ("GET", "/v1/projects/mine")])
        let matched = try #require(try await Self.matchedBody(router.match(method: "GET", path: "/v1/projects/mine")))
        #expect(matched.0 == "GET /v1/projects/mine")
        #expect(matched.1.isEmpty)
    }

    @Test func restSegmentCapturesTheRemainingPath() async throws {
        let router = Self.router([("GET", "/files/*path")])
        let matched = try #require(try await Self.matchedBody(router.match(method: "GET", path: "/files/a/b/c.nii")))
        #expect(matched.1 == ["path": "a/b/c.nii"])
    }

    @Test func extraOrMissingSegmentsDoNotMatch() {
        let router = Self.router([("GET", "/v1/projects/:id")])
        guard case .notFound = router.match(method: "GET", path: "/v1/projects") else {
            Issue.record("a path one segment short matched")
            return
        }
        guard case .notFound = router.match(method: "GET", path: "/v1/projects/1/extra") else {
            Issue.record("a path one segment long matched")
            return
        }
    }

    @Test func knownPathWithOtherMethodListsAllowedMethods() {
        let router = Self.router([("GET", "/v1/jobs/:id"), ("DELETE", "/v1/jobs/:id")])
        guard case .methodNotAllowed(let allowed) = router.match(method: "POST", path: "/v1/jobs/7") else {
            Issue.record("POST on a GET/DELETE path was not refused as a wrong method")
            return
        }
        // GET implies HEAD; sorted alphabetically.
        #expect(allowed == ["DELETE", "GET", "HEAD"])
    }

    @Test func headFallsBackToTheGetRoute() async throws {
        let router = Self.router([("GET", "/health")])
        let matched = try await Self.matchedBody(router.match(method: "HEAD", path: "/health"))
        #expect(matched?.0 == "GET /health")
    }
}
