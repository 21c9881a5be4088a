import Foundation
import HTTPClient
import HavenServices
import HavenTestSupport
import Testing

/// The API's answers to bad requests, each followed by a good one to show that the server keeps serving.
@Suite(.timeLimit(.minutes(5))) struct APIErrorTests {
    struct ErrorBody: Decodable {
        struct Detail: Decodable {
            var code: String
            var message: String
            var requestID: String

            enum CodingKeys: String, CodingKey {
                case code, message
                case requestID = "request_id"
            }
        }
        var error: Detail
    }

    func send(_ test: TestServer, _ method: String, _ path: String, token: String?, body: Data? = nil) async throws
        -> HTTPClientResponse
    {
        var headers = ["Content-Type": "application/json"]
        if let token { headers["Authorization"] = "Bearer " + token }
        let request = HTTPClientRequest(
            method: method, url: try #require(URL(string: test.server.url + path)), headers: headers, body: body,
            timeout: .seconds(30))
        return try await HTTPClient().send(request)
    }

    func expectStillServing(_ test: TestServer) async throws {
        let health = try await send(test, "GET", "/healthz", token: nil)
        #expect(health.status == 200)
    }

    @Test func missingOrUnknownTokenGets401WithoutSayingWhich() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let missing = try await send(test, "GET", "/v1/projects", token: nil)
        let unknown = try await send(test, "GET", "/v1/projects", token: "hvn_not-a-real-token")
        #expect(missing.status == 401)
        #expect(unknown.status == 401)
        let first = try JSONDecoder().decode(ErrorBody.self, from: missing.body).error
        let second = try JSONDecoder().decode(ErrorBody.self, from: unknown.body).error
        #expect(first.message == second.message)
        #expect(first.requestID == missing.headers["x-request-id"])
        try await expectStillServing(test)
    }

    @Test func malformedJSONGets400NamingTheProblem() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let token = try #require(test.server.firstAdminToken)
        let response = try await send(test, "POST", "/v1/projects", token: token, body: Data("{\"name\": ".utf8))
        #expect(response.status == 400)
        let error = try JSONDecoder().decode(ErrorBody.self, from: response.body).error
        #expect(error.message.localizedCaseInsensitiveContains("json"))

        let missingField = try await send(test, "POST", "/v1/projects", token: token, body: Data("{}".utf8))
        #expect(missingField.status == 400)
        #expect(try JSONDecoder().decode(ErrorBody.self, from: missingField.body).error.message.contains("name"))
        try await expectStillServing(test)
    }

    @Test func oversizedJSONBodyGets413() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let token = try #require(test.server.firstAdminToken)
        // The JSON limit is 1 MiB by default; 2 MiB of description is over it.
        let description = String(repeating: "x", count: 2 << 20)
        let body = try JSONEncoder().encode(ProjectAPI.Create(name: "big", description: description))
        let response = try await send(test, "POST", "/v1/projects", token: token, body: body)
        #expect(response.status == 413)
        try await expectStillServing(test)
    }

    @Test func unknownRouteGets404() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let response = try await send(test, "GET", "/v1/nothing-here", token: test.server.firstAdminToken)
        #expect(response.status == 404)
        try await expectStillServing(test)
    }

    @Test func readyOnlyWithDatabaseAndCurrentMigrations() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let ready = try await send(test, "GET", "/readyz", token: nil)
        #expect(ready.status == 200)
    }

    @Test func adminDoesNotReadProjectDataWithoutARole() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let _: ObjectAPI.View = try await researcher.put(
            "/v1/projects/spine-ct/objects/notes.txt", data: Data("hello".utf8), sha256: nil)
        await #expect { try await test.admin.data("/v1/projects/spine-ct/objects/notes.txt") } throws: {
            ($0 as? HavenClientError)?.status == 403
        }
        #expect(try await researcher.data("/v1/projects/spine-ct/objects/notes.txt") == Data("hello".utf8))
    }
}
