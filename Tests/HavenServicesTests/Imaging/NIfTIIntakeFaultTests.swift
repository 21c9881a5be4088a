import Foundation
import HavenCrypto
import HavenServices
import HavenTestSupport
import Testing

/// Each NIfTI fault intake refuses (or notices) has a file made here, sent through the API; every refusal is a 422
/// that names the file.
@Suite(.timeLimit(.minutes(5))) struct NIfTIIntakeFaultTests {
    /// Uploads `data` as `path`; the summary, or the refusal's status and message.
    private func upload(
        _ storage: StorageTestServer, _ data: Data, as path: String, labelMap: Bool = false
    ) async throws -> Result<ObjectAPI.NIfTISummary?, HavenClientError> {
        let file = try Repository.temporaryFolder("intake").appending(path: "upload.bin")
        try data.write(to: file)
        do {
            let view: ObjectAPI.View = try await storage.researcher.upload(
                storage.objectPath(path), file: file, sha256: SHA256.hex(data),
                headers: labelMap ? ["X-Haven-Content": "label-map"] : [:])
            return .success(view.nifti)
        } catch let error as HavenClientError {
            return .failure(error)
        }
    }

    /// The refusal message if `result` is a 422 that names `path`, else nil.
    private func refusal(_ result: Result<ObjectAPI.NIfTISummary?, HavenClientError>, _ path: String) -> String? {
        guard case .failure(.server(422, _, let message, _)) = result, message.contains("`\(path)`") else { return nil }
        return message
    }

    private func gzip(_ data: Data) async throws -> Data {
        let file = try Repository.temporaryFolder("gzip").appending(path: "volume.nii")
        try data.write(to: file)
        let result = try await ChildProcess.run(URL(filePath: "/bin/gzip"), ["-n", file.path])
        guard result.status == 0 else { throw TestFailure("gzip failed: \(result.stderr)") }
        return try Data(contentsOf: file.appendingPathExtension("gz"))
    }

    private func server() async throws -> StorageTestServer {
        guard let storage = try await StorageTestServer.start(.filesystem) else { throw TestFailure("no server") }
        return storage
    }

    @Test func formatIsDecidedFromTheBytesNotTheName() async throws {
        let storage = try await server()
        defer { Task { await storage.shutdown() } }
        let plain = IntakeNIfTI().bytes()

        let gzipNamedPlain = try await upload(storage, try await gzip(plain), as: "a/ct.nii")
        #expect((try? gzipNamedPlain.get())??.compressed == true)
        let plainNamedGzip = try await upload(storage, plain, as: "b/ct.nii.gz")
        #expect((try? plainNamedGzip.get())??.compressed == false)
        let hidden = try await upload(storage, plain, as: "c/scan.bin")
        #expect((try? hidden.get())??.dimensions == [2, 2, 2])

        let text = try await upload(storage, Data(String(repeating: "not a volume\n", count: 40).utf8), as: "d/x.nii")
        #expect(refusal(text, "d/x.nii")?.contains("header size") == true)
        var noMagic = IntakeNIfTI()
        noMagic.magic = "abc\0"
        let missing = try await upload(storage, try await gzip(noMagic.bytes()), as: "e/x.nii.gz")
        #expect(refusal(missing, "e/x.nii.gz")?.contains("magic") == true)
    }

    @Test func truncatedOrCorruptCompressionIsRefused() async throws {
        let storage = try await server()
        defer { Task { await storage.shutdown() } }
        // Enough voxels that the deflate stream is longer than what is cut from it.
        var large = IntakeNIfTI()
        large.dim = [3, 16, 16, 16, 1, 1, 1, 1]
        large.voxels = (0..<4096).map { Int16($0 % 97) }
        let compressed = try await gzip(large.bytes())

        let cut = try await upload(storage, compressed.prefix(compressed.count - 40), as: "cut.nii.gz")
        #expect(refusal(cut, "cut.nii.gz")?.contains("truncated") == true)

        var corrupt = compressed
        for index in stride(from: 40, to: compressed.count - 20, by: 7) { corrupt[index] ^= 0x5A }
        let broken = try await upload(storage, corrupt, as: "corrupt.nii.gz")
        #expect(refusal(broken, "corrupt.nii.gz")?.contains("corrupt") == true)
    }

    @Test func headerWhoseOffsetOrExtensionsDisagreeWithTheFileIsRefused() async throws {
        let storage = try await server()
        defer { Task { await storage.shutdown() } }
        // vox_offset 1000 with 8 voxels of 2 bytes needs 1016 bytes; the file has 352 + 16 = 368.
        var late = IntakeNIfTI()
        late.voxOffset = 1000
        let past = try await upload(storage, late.bytes(), as: "late.nii")
        #expect(refusal(past, "late.nii")?.contains("offset 1000") == true)

        // The extension flag is set but the voxels start right after it, at 352.
        var flagged = IntakeNIfTI()
        flagged.extensionFlag = [1, 0, 0, 0]
        let noRoom = try await upload(storage, flagged.bytes(), as: "flagged.nii")
        #expect(refusal(noRoom, "flagged.nii")?.contains("no room") == true)

        // One extension claiming 20 bytes (not a multiple of 16) before voxels at 384.
        var damaged = IntakeNIfTI()
        damaged.extensionFlag = [1, 0, 0, 0]
        damaged.voxOffset = 384
        var extensionBytes = Data(count: 32)
        extensionBytes[0] = 20
        damaged.afterHeader = extensionBytes
        let bad = try await upload(storage, damaged.bytes(), as: "damaged.nii")
        #expect(refusal(bad, "damaged.nii")?.contains("extension at byte 352 of size 20") == true)
    }

    @Test func scaledLabelMapIsFlaggedNotRounded() async throws {
        let storage = try await server()
        defer { Task { await storage.shutdown() } }
        var halved = IntakeNIfTI()
        halved.slope = 0.5
        let half = try await upload(storage, halved.bytes(), as: "labels-half.nii", labelMap: true)
        #expect(refusal(half, "labels-half.nii")?.contains("scl_slope 0.5") == true)

        // Marked as a label map by its intent code (1002) alone; 25 + 10 = 35 would be a different vertebra.
        var shifted = IntakeNIfTI()
        shifted.intent = 1002
        shifted.slope = 1
        shifted.intercept = 10
        let moved = try await upload(storage, shifted.bytes(), as: "labels-shifted.nii")
        #expect(refusal(moved, "labels-shifted.nii")?.contains("scl_inter 10") == true)

        // The default voxels hold 0, 25 and 26.
        let clean = try await upload(storage, IntakeNIfTI().bytes(), as: "labels.nii", labelMap: true)
        #expect((try? clean.get())??.labelValues == [0, 25, 26])
    }

    @Test func trailingUnitAxisIsThreeDButTrueFourDIsRefused() async throws {
        let storage = try await server()
        defer { Task { await storage.shutdown() } }
        var unit = IntakeNIfTI()
        unit.dim = [4, 2, 2, 2, 1, 1, 1, 1]
        let three = try await upload(storage, unit.bytes(), as: "unit.nii")
        #expect((try? three.get())??.dimensions == [2, 2, 2])

        var series = IntakeNIfTI()
        series.dim = [4, 2, 2, 2, 2, 1, 1, 1]
        series.voxels += series.voxels
        let four = try await upload(storage, series.bytes(), as: "series.nii")
        #expect(refusal(four, "series.nii")?.contains("4D volume") == true)
    }

    @Test func orientationFollowsTheNIfTIRuleAndDisagreementIsWarned() async throws {
        let storage = try await server()
        defer { Task { await storage.shutdown() } }
        // Neither code: the voxel sizes (1, 2, 3) on the diagonal, pointing R, A, S.
        let plain = try await upload(storage, IntakeNIfTI().bytes(), as: "plain.nii")
        let plainSummary = try #require(try plain.get())
        #expect(plainSummary.orientationSource == "voxelSizes" && plainSummary.orientation == "RAS")
        #expect(plainSummary.affine[1][1] == 2 && plainSummary.warnings == nil)

        // qform only, quaternion (0, 0, 1): a half turn about z, so x points left and y posterior.
        var turned = IntakeNIfTI()
        turned.qformCode = 1
        turned.quaternion = [0, 0, 1, 0, 0, 0]
        let qform = try #require(try await upload(storage, turned.bytes(), as: "turned.nii").get())
        #expect(qform.orientationSource == "qform" && qform.orientation == "LPS")

        // Both set: the sform (identity) wins. The qform is diag(-1, -2, 3) (the half turn times the voxel sizes),
        // so the diagonals differ by 2, 3 and 2 mm: a warning naming the largest, 3 mm.
        turned.sformCode = 1
        let both = try #require(try await upload(storage, turned.bytes(), as: "both.nii").get())
        #expect(both.orientationSource == "sform" && both.orientation == "RAS")
        #expect(both.warnings?.first?.contains("disagree by up to 3.0 mm") == true)
    }
}
