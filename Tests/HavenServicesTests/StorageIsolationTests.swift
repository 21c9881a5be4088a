import Foundation
import HavenServices
import HavenTestSupport
import Testing

/// Each project's data is reachable through its own endpoints only, and a small file cannot make Haven read a huge
/// volume.
@Suite(.timeLimit(.minutes(5))) struct StorageIsolationTests {
    @Test func endpointFoldersMayNotOverlapAndOwnersDoNotCreateEndpoints() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        _ = try await test.projectWithMembers()
        let _: ProjectAPI.View = try await test.admin.post("/v1/projects", ProjectAPI.Create(name: "other"))
        let inside = test.home.appending(path: "storage/spine-ct/images/nested").path
        await #expect {
            let _: ProjectAPI.Storage = try await test.admin.post(
                "/v1/projects/other/storage", ProjectAPI.CreateStorage(name: "evil", path: inside))
        } throws: { ($0 as? HavenClientError)?.status == 409 }

        let owner: UserAPI.Created = try await test.admin.post("/v1/users", UserAPI.Create(name: "owner"))
        let _: ProjectAPI.Member = try await test.admin.post(
            "/v1/projects/other/members", ProjectAPI.AddMember(user: "owner", role: .owner))
        await #expect {
            let _: ProjectAPI.Storage = try await test.admin.with(token: owner.token).post(
                "/v1/projects/other/storage", ProjectAPI.CreateStorage(name: "mine"))
        } throws: { ($0 as? HavenClientError)?.status == 403 }
    }

    @Test func researcherCannotWriteUnderJobsOrIntoReservedFolders() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        for (path, status) in [("jobs/123/mask.nii", 403), (".incoming/x", 400), ("a/.hidden", 400)] {
            await #expect {
                let _: ObjectAPI.View = try await researcher.put(
                    "/v1/projects/spine-ct/objects/" + path, data: Data("x".utf8), sha256: nil)
            } throws: { ($0 as? HavenClientError)?.status == status }
        }
    }

    @Test func volumeDeclaringMoreThanTheLimitIsRefusedFromItsHeader() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        // A 352-byte NIfTI-1 file whose header declares 1500 x 1500 x 1500 uint8 voxels: 3,375,000,000 bytes,
        // over the 2 GiB (2,147,483,648 bytes) limit, with no data behind it.
        let header = Self.niftiHeader(dimensions: [1500, 1500, 1500])
        await #expect {
            let _: ObjectAPI.View = try await researcher.put(
                "/v1/projects/spine-ct/objects/huge.nii", data: header, sha256: nil)
        } throws: { error in
            guard case .server(let status, _, let message, _) = error as? HavenClientError else { return false }
            return status == 422 && message.contains("huge.nii") && message.contains("3375000000 voxels")
        }
    }

    /// A NIfTI-1 single-file header (348 bytes and 4 bytes of extension flags) for a uint8 volume, little endian.
    static func niftiHeader(dimensions: [Int16]) -> Data {
        var bytes = [UInt8](repeating: 0, count: 352)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { bytes.replaceSubrange(offset..<offset + $0.count, with: $0) }
        }
        func putFloat(_ value: Float, at offset: Int) { put(value.bitPattern, at: offset) }
        put(Int32(348), at: 0)
        put(Int16(dimensions.count), at: 40)
        for (index, size) in dimensions.enumerated() { put(size, at: 42 + 2 * index) }
        put(Int16(2), at: 70)  // datatype: uint8
        put(Int16(8), at: 72)  // bits per voxel
        for index in 0...3 { putFloat(1, at: 76 + 4 * index) }  // pixdim[0...3]
        putFloat(352, at: 108)  // vox_offset
        bytes.replaceSubrange(344..<348, with: Array("n+1\0".utf8))
        return Data(bytes)
    }
}
