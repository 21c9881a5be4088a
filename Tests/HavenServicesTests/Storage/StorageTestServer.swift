import Foundation
import HTTPClient
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

/// The endpoint kinds the object tests run against.
enum StorageKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case filesystem
    /// A bucket on the S3 emulator (moto's server mode) that Deploy/test.sh starts; HAVEN_TEST_S3_URL names it.
    case s3Emulator

    var testDescription: String { rawValue }
}

/// A test server with project `spine-ct`, a researcher, an auditor, and one endpoint of the kind under test.
struct StorageTestServer {
    let test: TestServer
    let researcher: HavenClient
    let auditor: HavenClient
    let endpoint: String

    /// Starts the server and registers the endpoint; nil (with the reason recorded) when the S3 emulator is
    /// absent outside Deploy/test.sh, which always starts it.
    static func start(_ kind: StorageKind) async throws -> StorageTestServer? {
        var s3URL: String?
        if kind == .s3Emulator {
            guard let url = ProcessInfo.processInfo.environment["HAVEN_TEST_S3_URL"] else {
                if ProcessInfo.processInfo.environment["HAVEN_TEST_SCRIPT"] != nil {
                    Issue.record("HAVEN_TEST_S3_URL is not set; Deploy/test.sh starts the S3 emulator and sets it")
                } else {
                    print(
                        "skipped: set HAVEN_TEST_S3_URL (Deploy/services/s3.sh start DIR) to run the S3 emulator case")
                }
                return nil
            }
            s3URL = url
        }
        let test = try await TestServer.start()
        let (researcher, auditor) = try await test.projectWithMembers()
        guard let s3URL else {
            return StorageTestServer(test: test, researcher: researcher, auditor: auditor, endpoint: "images")
        }

        let bucket = "haven-" + UUID().uuidString.lowercased().prefix(13)
        try await Self.createBucket(String(bucket), at: s3URL)
        let s3 = ProjectAPI.S3(
            url: s3URL, bucket: String(bucket), prefix: "objects/", accessKeyID: "AKIDHAVENTEST",
            secretAccessKey: "haven-test-secret-key")
        let _: ProjectAPI.Storage = try await test.admin.post(
            "/v1/projects/spine-ct/storage", ProjectAPI.CreateStorage(name: "bucket", kind: "s3", s3: s3))
        return StorageTestServer(test: test, researcher: researcher, auditor: auditor, endpoint: "bucket")
    }

    /// Creates `bucket` on the emulator with a signed request, as an S3 administrator would.
    static func createBucket(_ bucket: String, at url: String) async throws {
        var request = HTTPClientRequest(method: "PUT", url: URL(string: "\(url)/\(bucket)")!)
        request.headers["x-amz-content-sha256"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        request.awsSignature = AWSSignature(accessKeyID: "AKIDHAVENTEST", secretAccessKey: "haven-test-secret-key")
        let response = try await HTTPClient().send(request)
        guard response.status == 200 else {
            throw TestFailure("the S3 emulator refused bucket \(bucket): \(response.status)")
        }
    }

    /// `/v1/projects/spine-ct/objects/PATH?endpoint=…`.
    func objectPath(_ path: String) -> String {
        "/v1/projects/spine-ct/objects/\(path)?endpoint=\(endpoint)"
    }

    /// The project's access log entries, read by the auditor.
    func auditEvents() async throws -> [AuditEvent] {
        let text = String(decoding: try await auditor.data("/v1/projects/spine-ct/audit?format=jsonl"), as: UTF8.self)
        return text.split(separator: "\n").compactMap {
            try? JSONDecoder().decode(AuditEvent.self, from: Data($0.utf8))
        }
    }

    func shutdown() async {
        await test.server.shutdown()
    }
}
