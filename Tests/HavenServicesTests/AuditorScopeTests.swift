import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import PostgresClient
import Testing

/// Auditors read the ledger of their own projects only, and every export (and refused one) is itself audited.
@Suite(.timeLimit(.minutes(5))) struct AuditorScopeTests {
    static func events(_ data: Data) -> [AuditEvent] {
        String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap {
            try? JSONDecoder().decode(AuditEvent.self, from: Data($0.utf8))
        }
    }

    @Test func auditorExportsOnlyTheirProjectAndEachExportIsAudited() async throws {
        let url = try await TestDatabase.makeDatabase()
        let test = try await TestServer.start(databaseURL: url)
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let spine: ProjectAPI.View = try await test.admin.get("/v1/projects/spine-ct")
        let other: ProjectAPI.View = try await test.admin.post("/v1/projects", ProjectAPI.Create(name: "other"))
        _ = try? await researcher.data("/v1/projects/spine-ct/audit")

        // Another project's ledger: refused, and the refusal is recorded in that project.
        let refused = await #expect(throws: HavenClientError.self) {
            try await auditor.data("/v1/projects/other/audit")
        }
        #expect(refused?.status == 403)
        let verifyRefused = await #expect(throws: HavenClientError.self) {
            try await auditor.data("/v1/audit/verify")
        }
        #expect(verifyRefused?.status == 403)

        // Their own project's ledger: entries of other projects (and of none) appear by digest only.
        let first = Self.events(try await auditor.data("/v1/projects/spine-ct/audit"))
        #expect(!first.isEmpty)
        #expect(first.allSatisfy { $0.projectID == spine.id })
        #expect(first.contains { $0.action == "audit.export" && $0.outcome == .denied })

        // The second export shows the first one; the database holds both refusals where they happened.
        let second = Self.events(try await auditor.data("/v1/projects/spine-ct/audit"))
        let exports = second.filter { $0.action == "audit.export" && $0.actor == "user:auditor" }
        #expect(exports.count == 1)
        #expect(exports.first?.outcome == .success)
        #expect(exports.first?.resource == "spine-ct/audit")

        let connection = try await PostgresConnection.connect(url)
        defer { Task { await connection.close() } }
        let rows = try await connection.query(
            """
            SELECT action || ' ' || resource || ' ' || coalesce(project_id::text, '-') AS refusal FROM audit_events
            WHERE actor = 'user:auditor' AND outcome = 'denied' ORDER BY sequence
            """)
        let refusals = try rows.map { try $0.decode("refusal", as: String.self) }
        #expect(refusals == ["audit.export other/audit \(other.id)", "audit.verify ledger -"])
    }
}
