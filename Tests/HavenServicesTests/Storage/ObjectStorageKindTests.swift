import Foundation
import HavenCrypto
import HavenServices
import HavenTestSupport
import Testing

/// The same upload, byte-range and delete behaviour through the API, on every endpoint kind.
@Suite(.timeLimit(.minutes(5))) struct ObjectStorageKindTests {
    /// 1 MiB and 3 bytes of a pattern (byte i is i * 7 mod 251), so that every range has known, distinct content.
    static let content = Data((0..<(1 << 20) + 3).map { UInt8(($0 * 7) % 251) })

    static func file(_ data: Data, _ name: String = "volume.bin") throws -> URL {
        let url = try Repository.temporaryFolder("objects").appending(path: name)
        try data.write(to: url)
        return url
    }

    @Test(arguments: StorageKind.allCases)
    func uploadThenReadRangesThenDelete(kind: StorageKind) async throws {
        guard let storage = try await StorageTestServer.start(kind) else { return }
        defer { Task { await storage.shutdown() } }
        let content = Self.content
        let digest = SHA256.hex(content)

        let stored: ObjectAPI.View = try await storage.researcher.upload(
            storage.objectPath("scans/volume.bin"), file: try Self.file(content), sha256: digest)
        #expect(stored.size == Int64(content.count) && stored.sha256 == digest)
        let stat: ObjectAPI.View = try await storage.researcher.get(storage.objectPath("scans/volume.bin") + "&stat=1")
        #expect(stat.size == Int64(content.count) && stat.sha256 == digest && stat.endpoint == storage.endpoint)

        let target = try Repository.temporaryFolder("download").appending(path: "out.bin")
        let whole = try await storage.researcher.downloadObject(storage.objectPath("scans/volume.bin"), to: target)
        #expect(whole.status == 200 && whole.sha256 == digest)
        #expect(try Data(contentsOf: target) == content)

        // Bytes 100..199 of the pattern, then the last 10, then the tail from 1048570 (9 bytes to the end).
        let cases: [(String, Range<Int>, String)] = [
            ("bytes=100-199", 100..<200, "bytes 100-199/1048579"),
            ("bytes=-10", 1_048_569..<1_048_579, "bytes 1048569-1048578/1048579"),
            ("bytes=1048570-", 1_048_570..<1_048_579, "bytes 1048570-1048578/1048579"),
        ]
        for (header, slice, contentRange) in cases {
            let part = try await storage.researcher.downloadObject(
                storage.objectPath("scans/volume.bin"), to: target, range: header)
            #expect(part.status == 206 && part.contentRange == contentRange)
            #expect(try Data(contentsOf: target) == content.subdata(in: slice))
        }
        await #expect {
            _ = try await storage.researcher.downloadObject(
                storage.objectPath("scans/volume.bin"), to: target, range: "bytes=2000000-")
        } throws: { ($0 as? HavenClientError)?.status == 416 }

        let deleted = try await storage.researcher.request("DELETE", storage.objectPath("scans/volume.bin"))
        #expect(deleted.status == 200)
        await #expect {
            _ = try await storage.researcher.downloadObject(storage.objectPath("scans/volume.bin"), to: target)
        } throws: { ($0 as? HavenClientError)?.status == 404 }
        let listed: [ObjectAPI.View] = try await storage.researcher.get(
            "/v1/projects/spine-ct/objects?endpoint=\(storage.endpoint)")
        #expect(listed.isEmpty)

        // The deleted object's path stays taken while its bytes are retained.
        await #expect {
            let _: ObjectAPI.View = try await storage.researcher.upload(
                storage.objectPath("scans/volume.bin"), file: try Self.file(content), sha256: digest)
        } throws: { ($0 as? HavenClientError)?.status == 409 }

        let actions = try await storage.auditEvents().filter { $0.resource == "\(storage.endpoint):scans/volume.bin" }
        #expect(actions.map(\.action).contains("data.delete"))
        // Read entries carry the bytes sent: the whole object, then 100, 10 and 9 bytes.
        // The stat first (no bytes), then the whole object, then 100, 10 and 9 bytes.
        let reads = actions.filter { $0.action == "data.read" && $0.outcome == .success }.compactMap(\.bytes)
        #expect(reads == [0, Int64(content.count), 100, 10, 9])
    }

    @Test(arguments: StorageKind.allCases)
    func uploadWithWrongChecksumLeavesNothingVisible(kind: StorageKind) async throws {
        guard let storage = try await StorageTestServer.start(kind) else { return }
        defer { Task { await storage.shutdown() } }
        let wrong = SHA256.hex(Data("something else".utf8))

        await #expect {
            let _: ObjectAPI.View = try await storage.researcher.upload(
                storage.objectPath("scans/bad.bin"), file: try Self.file(Self.content), sha256: wrong)
        } throws: { error in
            guard case .server(let status, _, let message, _) = error as? HavenClientError else { return false }
            return status == 400 && message.contains("scans/bad.bin") && message.contains(wrong)
        }
        let listed: [ObjectAPI.View] = try await storage.researcher.get(
            "/v1/projects/spine-ct/objects?endpoint=\(storage.endpoint)")
        #expect(listed.isEmpty)

        // The same path then takes the right bytes: the refused upload left nothing behind on the backend.
        let stored: ObjectAPI.View = try await storage.researcher.upload(
            storage.objectPath("scans/bad.bin"), file: try Self.file(Self.content), sha256: SHA256.hex(Self.content))
        #expect(stored.size == Int64(Self.content.count))
        let staged = try FileManager.default.contentsOfDirectory(
            atPath: storage.test.home.appending(path: "storage/.uploads").path)
        #expect(staged.isEmpty)
    }
}
