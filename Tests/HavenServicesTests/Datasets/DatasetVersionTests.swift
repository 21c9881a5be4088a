import Foundation
import HavenCore
import HavenCrypto
import HavenServices
import HavenTestSupport
import Testing

/// Dataset versions pin their objects' SHA-256, carry their label schema and split, and never change.
@Suite(.timeLimit(.minutes(5))) struct DatasetVersionTests {
    @Test func versionsPinObjectsAndKeepTheirSplit() async throws {
        guard let storage = try await StorageTestServer.start(.filesystem) else { throw TestFailure("no server") }
        defer { Task { await storage.shutdown() } }
        var digests: [String: String] = [:]
        for id in ["s0001", "s0002", "s0003"] {
            for (kind, data) in [("ct", IntakeNIfTI().bytes()), ("seg", IntakeNIfTI().bytes() + Data([0]))] {
                let file = try Repository.temporaryFolder("dataset").appending(path: "\(kind).nii")
                try data.write(to: file)
                let view: ObjectAPI.View = try await storage.researcher.upload(
                    storage.objectPath("\(id)/\(kind).nii"), file: file, sha256: SHA256.hex(data))
                digests[view.path] = view.sha256
            }
        }
        let cases = ["s0001", "s0002", "s0003"].map {
            DatasetAPI.Case(id: $0, image: "\($0)/ct.nii", label: "\($0)/seg.nii")
        }
        let body = DatasetAPI.CreateVersion(
            schemaPreset: "totalsegmentator-v2-vertebrae", cases: cases,
            split: DatasetSplit(
                parts: [.init(name: "train", fraction: 0.67), .init(name: "validation", fraction: 0.33)], seed: 42))

        let first: DatasetAPI.Manifest = try await storage.researcher.post(
            "/v1/projects/spine-ct/datasets/vertebrae/versions", body)
        #expect(first.version == 1 && first.cases.count == 3)
        #expect(first.cases.allSatisfy { digests[$0.image] == $0.imageSHA256 && digests[$0.label] == $0.labelSHA256 })
        // floor(0.67 * 3) = 2 cases train, the remaining 1 validation.
        #expect(first.membership["train"]?.count == 2 && first.membership["validation"]?.count == 1)
        #expect(first.labelSchema["25"] == "sacrum" && first.labelSchema["50"] == "C1" && first.labelSchema.count == 26)

        let second: DatasetAPI.Manifest = try await storage.researcher.post(
            "/v1/projects/spine-ct/datasets/vertebrae/versions", body)
        #expect(second.version == 2 && second.membershipSHA256 == first.membershipSHA256)
        let fetched: DatasetAPI.Manifest = try await storage.auditor.get(
            "/v1/projects/spine-ct/datasets/vertebrae/versions/1")
        #expect(fetched.cases == first.cases && fetched.membership == first.membership)

        var missing = body
        missing.cases.append(DatasetAPI.Case(id: "s0004", image: "s0004/ct.nii", label: "s0004/seg.nii"))
        await #expect {
            let _: DatasetAPI.Manifest = try await storage.researcher.post(
                "/v1/projects/spine-ct/datasets/vertebrae/versions", missing)
        } throws: { error in
            guard case .server(400, _, let message, _) = error as? HavenClientError else { return false }
            return message.contains("s0004") && message.contains("s0004/ct.nii")
        }
    }
}
