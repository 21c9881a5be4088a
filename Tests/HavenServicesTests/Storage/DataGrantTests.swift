import Foundation
import HavenCore
import HavenCrypto
import HavenServices
import HavenTestSupport
import Testing

/// Signed grants: a node uses one without an account; a tampered, expired or re-targeted grant is refused, and
/// issuing, using and refusing are all in the access log.
@Suite(.timeLimit(.minutes(5))) struct DataGrantTests {
    static let volume = Data("grant test volume".utf8)

    private func prepared() async throws -> StorageTestServer {
        guard let storage = try await StorageTestServer.start(.filesystem) else { throw TestFailure("no server") }
        for path in ["cases/a.bin", "cases/b.bin"] {
            let url = try ObjectStorageKindTests.file(Self.volume)
            let _: ObjectAPI.View = try await storage.researcher.upload(
                storage.objectPath(path), file: url, sha256: SHA256.hex(Self.volume))
        }
        return storage
    }

    private func issue(
        _ storage: StorageTestServer, path: String, method: DataGrant.Method, seconds: Int64 = 300
    ) async throws -> GrantAPI.Issued {
        try await storage.researcher.post(
            "/v1/projects/spine-ct/grants",
            GrantAPI.Issue(
                principal: "node:gpu-01", path: path, method: method, seconds: seconds,
                purpose: "stage training inputs",
                endpoint: "images"))
    }

    /// The same server with no bearer token, as a node holding only the grant.
    private func node(_ storage: StorageTestServer) -> HavenClient {
        HavenClient(baseURL: storage.test.server.url, token: nil)
    }

    @Test func grantReadsItsObjectAndBothIssueAndUseAreAudited() async throws {
        let storage = try await prepared()
        defer { Task { await storage.shutdown() } }
        let issued = try await issue(storage, path: "cases/a.bin", method: .read)

        let target = try Repository.temporaryFolder("grant").appending(path: "a.bin")
        let download = try await node(storage).downloadObject(
            storage.objectPath("cases/a.bin"), to: target, headers: ["X-Haven-Grant": issued.token])
        let downloaded = try Data(contentsOf: target)
        #expect(download.status == 200 && downloaded == Self.volume)

        let events = try await storage.auditEvents()
        let issuing = events.filter { $0.action == "data.grant" && $0.outcome == .success }
        #expect(
            issuing.count == 1 && issuing[0].actor == "user:researcher" && issuing[0].purpose == "stage training inputs"
        )
        let uses = events.filter { $0.actor == "grant:node:gpu-01" && $0.action == "data.read" }
        #expect(uses.count == 1 && uses[0].outcome == .success && uses[0].bytes == Int64(Self.volume.count))
        #expect(uses.first?.onBehalfOf == issuing.first?.onBehalfOf && uses.first?.detail == "grant \(issued.grant.id)")
    }

    @Test func tamperedExpiredAndRetargetedGrantsAreRefusedAndAudited() async throws {
        let storage = try await prepared()
        defer { Task { await storage.shutdown() } }
        let read = try await issue(storage, path: "cases/a.bin", method: .read)
        let short = try await issue(storage, path: "cases/a.bin", method: .read, seconds: 1)

        // Tampered: the payload re-encoded for cases/b.bin, keeping the original MAC.
        var altered = read.grant
        altered.path = "cases/b.bin"
        let payload = Base64URL.encode(try APIJSON.encoder().encode(altered))
        let mac = read.token.split(separator: ".")[2]
        let tampered = "hvg1.\(payload).\(mac)"

        // Expired: a one-second grant used once its second has certainly passed.
        try await Task.sleep(for: .milliseconds(2100))

        let target = try Repository.temporaryFolder("grant").appending(path: "x.bin")
        let attempts: [(token: String, method: String, path: String, rule: String)] = [
            (tampered, "GET", "cases/b.bin", "grant.signature"),
            (short.token, "GET", "cases/a.bin", "grant.expired"),
            (read.token, "GET", "cases/b.bin", "grant.scope"),
            (read.token, "DELETE", "cases/a.bin", "grant.scope"),
        ]
        for attempt in attempts {
            await #expect {
                if attempt.method == "GET" {
                    _ = try await node(storage).downloadObject(
                        storage.objectPath(attempt.path), to: target, headers: ["X-Haven-Grant": attempt.token])
                } else {
                    _ = try await node(storage).request(
                        attempt.method, storage.objectPath(attempt.path), headers: ["X-Haven-Grant": attempt.token])
                }
            } throws: { ($0 as? HavenClientError)?.status == 403 }
        }

        let denied = try await storage.auditEvents().filter { $0.outcome == .denied && $0.actor.hasPrefix("grant:") }
        #expect(denied.map(\.rule) == attempts.map { Optional($0.rule) })
        #expect(denied.allSatisfy { $0.clientAddress == "127.0.0.1" && $0.requestID != nil })
    }
}
