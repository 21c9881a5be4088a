import Foundation
import HavenCore
import Testing

@testable import HavenServices

/// Purpose, session and source time reach the ledger from request headers, and come out of exports intact.
@Suite(.timeLimit(.minutes(5))) struct AuditProvenanceTests {
    static func attempt(_ client: HavenClient, headers: [String: String]) async throws {
        _ = try await client.send("GET", "/v1/projects/spine-ct/audit", body: nil, headers: headers)
    }

    static func entry(_ lines: [Substring], requestID: String) throws -> AuditEvent {
        let events = lines.compactMap { try? JSONDecoder().decode(AuditEvent.self, from: Data($0.utf8)) }
        return try #require(events.first { $0.requestID == requestID })
    }

    @Test func headersFillPurposeSessionAndSourceTimeWithTheSkewFlag() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let purpose = "=HYPERLINK(\"http://x\") protocol 7"

        // Researchers may not export, so each attempt is a denial recorded in the project with its headers.
        await #expect(throws: HavenClientError.self) {
            try await Self.attempt(
                researcher,
                headers: [
                    "X-Request-ID": "provenance-skewed", "X-Haven-Purpose": purpose, "X-Haven-Session": "sess-42",
                    "X-Haven-Source-Time": "2026-01-02T03:04:05.5+01:00",
                ])
        }
        let now = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        await #expect(throws: HavenClientError.self) {
            try await Self.attempt(
                researcher, headers: ["X-Request-ID": "provenance-now", "X-Haven-Source-Time": now])
        }

        let jsonl = try await auditor.data("/v1/projects/spine-ct/audit?format=jsonl")
        let lines = String(decoding: jsonl, as: UTF8.self).split(separator: "\n")
        let skewed = try Self.entry(lines, requestID: "provenance-skewed")
        #expect(skewed.purpose == purpose)
        #expect(skewed.sessionID == "sess-42")
        // 03:04:05.5 at +01:00 is 02:04:05.500000 UTC, months before the server's clock: flagged.
        #expect(skewed.sourceTime == "2026-01-02T02:04:05.500000Z")
        #expect(skewed.clockSkewed == true)
        let current = try Self.entry(lines, requestID: "provenance-now")
        #expect(current.sourceTime != nil)
        #expect(current.clockSkewed == false)
        #expect(current.purpose == nil)

        // In CSV the purpose cell starts with an apostrophe, and its quotes are doubled inside a quoted cell.
        let csv = String(decoding: try await auditor.data("/v1/projects/spine-ct/audit?format=csv"), as: UTF8.self)
        #expect(csv.contains(#","'=HYPERLINK(""http://x"") protocol 7","#))
    }

    @Test func badHeadersAreRefusedNamingTheHeader() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let cases = [
            ("X-Haven-Source-Time", "yesterday"), ("X-Haven-Session", "a b"),
            ("X-Haven-Purpose", String(repeating: "p", count: 513)),
        ]
        for (name, value) in cases {
            let error = await #expect(throws: HavenClientError.self) {
                try await Self.attempt(researcher, headers: [name: value])
            }
            #expect(error?.status == 400, "\(name)")
            #expect(error?.description.contains(name) == true, "\(name)")
        }
    }
}
