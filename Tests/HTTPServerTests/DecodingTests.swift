import Foundation
import HTTPServer
import Testing

@Suite("Request body decoding")
struct DecodingTests {
    struct NewProject: Decodable {
        var name: String
        var members: [Member]
    }

    struct Member: Decodable {
        var user: String
        var quota: Int
    }

    static func decodeError(_ json: String) throws -> HTTPError {
        let request = HTTPRequest(method: "POST", path: "/", body: Data(json.utf8))
        let error = try #require(throws: HTTPError.self) { try request.decode(NewProject.self) }
        return error
    }

    @Test func validBodyDecodes() throws {
        let request = HTTPRequest(
            method: "POST", path: "/", body: Data(#"{"name":"lung","members":[{"user":"ana","quota":3}]}"#.utf8))
        let project = try request.decode(NewProject.self)
        #expect(project.name == "lung")
        #expect(project.members.first?.quota == 3)
    }

    @Test func malformedJSONIsABadRequestSayingSo() throws {
        let error = try Self.decodeError(#"{"name": "lung",,}"#)
        #expect(error.status == 400)
        #expect(error.code == "bad_request")
        #expect(error.message.hasPrefix("request body is not valid JSON: "))
    }

    @Test func missingFieldIsNamed() throws {
        let error = try Self.decodeError(#"{"members": []}"#)
        #expect(error.message == "field `name` is missing")
    }

    @Test func nestedWrongTypeIsNamedWithItsPath() throws {
        let error = try Self.decodeError(
            #"{"name": "x", "members": [{"user": "a", "quota": 1}, {"user": 5, "quota": 1}]}"#)
        #expect(error.message == "field `members[1].user` must be a string")
    }

    @Test func emptyBodyIsABadRequest() throws {
        let error = try Self.decodeError("")
        #expect(error.status == 400)
        #expect(error.message.contains("empty"))
    }
}
