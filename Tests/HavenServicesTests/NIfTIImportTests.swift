import Foundation
import HavenServices
import HavenTestSupport
import Testing

@Suite(.timeLimit(.minutes(5))) struct NIfTIImportTests {
    @Test func corruptNIfTIIsRefusedNamingTheFileAndNothingIsStored() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let real = try Data(contentsOf: Repository.samples.appending(path: "example_seg.nii.gz"))
        let cases: [(String, Data)] = [
            ("labels/truncated.nii.gz", real.prefix(real.count / 2)),
            ("labels/notes.nii.gz", Data("these are notes, not an image\n".utf8)),
        ]

        for (path, data) in cases {
            await #expect {
                let _: ObjectAPI.View = try await researcher.put(
                    "/v1/projects/spine-ct/objects/" + path, data: data, sha256: nil)
            } throws: { error in
                guard case .server(let status, let code, let message, _) = error as? HavenClientError else {
                    return false
                }
                return status == 422 && code == "invalid_nifti" && message.contains(path)
            }
        }

        let listed: [ObjectAPI.View] = try await researcher.get("/v1/projects/spine-ct/objects")
        #expect(listed.isEmpty)
        let folder = test.home.appending(path: "storage/spine-ct/images")
        let left = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        #expect(left == [".incoming"])
    }

    @Test func validNIfTIIsStoredWithItsHeaderAndHash() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let data = try Data(contentsOf: Repository.samples.appending(path: "example_ct_sm.nii.gz"))
        let object: ObjectAPI.View = try await researcher.put(
            "/v1/projects/spine-ct/objects/images/ct.nii.gz", data: data, sha256: nil)

        // The sample README: the cropped CT has 30 slices on the 3 mm grid of the label maps, an sform and no qform.
        let nifti = try #require(object.nifti)
        #expect(nifti.dimensions[2] == 30)
        #expect(nifti.spacing.map { ($0 * 10).rounded() / 10 } == [3, 3, 3])
        #expect(nifti.orientationSource == "sform")
        #expect(nifti.qformCode == 0)
        #expect(object.size == Int64(data.count))
        #expect(object.sha256 == (try await Self.sha256sum(Repository.samples.appending(path: "example_ct_sm.nii.gz"))))
    }

    /// The digest from the coreutils `sha256sum` command, as an independent check.
    static func sha256sum(_ file: URL) async throws -> String {
        let result = try await ChildProcess.run(URL(filePath: "/usr/bin/sha256sum"), [file.path])
        return String(result.stdout.prefix(64))
    }
}
