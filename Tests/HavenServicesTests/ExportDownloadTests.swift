import Foundation
import HavenServices
import HavenTestSupport
import Testing

/// `HavenClient.download` streams an export into a file, replaced only by a complete body.
@Suite(.timeLimit(.minutes(5))) struct ExportDownloadTests {
    @Test func exportStreamsIntoTheFileAndAFailureLeavesItAlone() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let folder = try Repository.temporaryFolder("export-download")
        let target = folder.appending(path: "audit.jsonl")

        let size = try await auditor.download("/v1/projects/spine-ct/audit?format=jsonl", to: target)
        let written = try Data(contentsOf: target)
        #expect(Int64(written.count) == size)
        // A start line, then at least one entry line (the set-up's own entries).
        let lines = String(decoding: written, as: UTF8.self).split(separator: "\n")
        #expect(lines.first?.contains(#""type":"start""#) == true)
        #expect(lines.count >= 2)

        // Researchers may not export: the error comes back and the earlier file stays as it was, with nothing
        // else left in its folder.
        let error = await #expect(throws: HavenClientError.self) {
            try await researcher.download("/v1/projects/spine-ct/audit", to: target)
        }
        #expect(error?.status == 403)
        #expect(try Data(contentsOf: target) == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["audit.jsonl"])
    }
}
