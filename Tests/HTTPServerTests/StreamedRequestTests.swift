import Foundation
import HTTPClient
import HTTPServer
import Testing

/// Streamed request bodies: staged in a file with their SHA-256, refused before the body when the admission check
/// says no, and never left behind.
@Suite("HTTP server streamed request bodies", .timeLimit(.minutes(2))) struct StreamedRequestTests {
    /// A server whose `/upload/*name` route streams, admits only names not starting with `no`, and answers with
    /// the staged body's size, digest and whether the staged file exists while the handler runs.
    private func server(staging: URL) throws -> TestServer {
        try TestServer(configure: { configuration in
            configuration.uploadStagingDirectory = staging
            configuration.maximumStreamedBodyBytes = 8 << 20
        }) { router in
            router.addStreamed(
                "PUT", "/upload/*name",
                admit: { request in
                    if request.pathParameters["name"]?.hasPrefix("no") == true { throw HTTPError.forbidden("refused") }
                }
            ) { request in
                guard let body = request.streamedBody else { return .text("none", status: 500) }
                let staged = FileManager.default.fileExists(atPath: body.file.path)
                return .text(
                    "\(body.byteCount) \(body.sha256) \(staged) \(body.file.lastPathComponent.hasSuffix(".nii.gz"))")
            }
        }
    }

    @Test func bodyIsStagedWithItsDigestAndRemovedAfterTheHandler() async throws {
        let staging = FileManager.default.temporaryDirectory.appending(path: "haven-staging-\(UUID().uuidString)")
        let test = try server(staging: staging)
        // 3 MiB of the bytes 0, 1, ..., 255 repeated; its SHA-256 from `python3 -c "import hashlib;
        // print(hashlib.sha256(bytes(range(256)) * 12288).hexdigest())"`.
        let body = Data((0..<(3 << 20)).map { UInt8($0 % 256) })
        let response = try await test.send("PUT", "/upload/ct.nii.gz", body: body)
        #expect(response.status == 200)
        #expect(
            String(decoding: response.body, as: UTF8.self)
                == "3145728 f6dd7fec8584ad00219a447071c1fa368a1caee4d9c146083d233713ddccd2c0 true true")
        #expect(try FileManager.default.contentsOfDirectory(atPath: staging.path).isEmpty)
    }

    @Test func refusedUploadIsAnsweredBeforeItsBodyAndStagesNothing() async throws {
        let staging = FileManager.default.temporaryDirectory.appending(path: "haven-staging-\(UUID().uuidString)")
        let test = try server(staging: staging)
        let response = try await test.send("PUT", "/upload/no-thanks", body: Data(count: 1 << 20))
        #expect(response.status == 403)
        let staged = (try? FileManager.default.contentsOfDirectory(atPath: staging.path)) ?? []
        #expect(staged.isEmpty)
        let tooLarge = try await test.send("PUT", "/upload/big", body: Data(count: 9 << 20))
        #expect(tooLarge.status == 413)
        try await test.expectStillServing()
    }
}
