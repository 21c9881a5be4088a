import Foundation
import NIfTI
import Testing

@Suite("Writing label maps")
struct NIfTIWriteTests {
    @Test func writtenLabelsReadBackIdenticalWithTheSameGridAndAffine() throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try NIfTIImage.read(path: SampleFiles.segmentation)
        let labels = try reference.voxelsAsLabels().map { UInt8($0) }
        let path = folder.appendingPathComponent("copy.nii.gz").path

        try NIfTIImage.writeLabels(labels, like: reference, to: path)
        let readBack = try NIfTIImage.read(path: path)

        #expect(try readBack.voxelsAsLabels().map { UInt8($0) } == labels)
        #expect(readBack.header.affine == reference.header.affine)
        #expect(readBack.header.dimensions == reference.header.dimensions)
        #expect(readBack.header.spacing == reference.header.spacing)
        #expect(readBack.header.sformCode == reference.header.sformCode)
        #expect(readBack.header.qformCode == reference.header.qformCode)
        #expect(readBack.header.datatype == .uint8)
        #expect(readBack.header.scaleSlope == 0)
    }

    @Test func labelsWrittenOnTheCTGridKeepTheCTAffine() throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try NIfTIImage.read(path: SampleFiles.ctSmall)
        let labels = reference.voxelsAsFloat().map { $0 >= 200 ? UInt8(1) : 0 }
        let path = folder.appendingPathComponent("dense.nii.gz").path

        try NIfTIImage.writeLabels(labels, like: reference, to: path)
        let readBack = try NIfTIImage.read(path: path)

        #expect(try readBack.voxelsAsLabels() == labels.map { UInt16($0) })
        #expect(readBack.header.affine == reference.header.affine)
        #expect(readBack.header.orientationSource == .sform)
    }

    @Test func aGzPathIsCompressedAndANiiPathIsTheHeaderThenTheRawVoxels() throws {
        // An uncompressed one-file NIfTI-1 without extensions is a 348-byte header, 4 bytes of
        // extension flag (vox_offset 352), then 122 * 101 * 30 = 369660 one-byte voxels: 370012
        // bytes. The reference carries a 12816-byte label-table extension (nibabel:
        // header.extensions; its vox_offset is 13168), which must not be copied.
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try NIfTIImage.read(path: SampleFiles.segmentation)
        let labels = [UInt8](repeating: 7, count: reference.header.voxelCount)
        let compressed = folder.appendingPathComponent("labels.nii.gz")
        let plain = folder.appendingPathComponent("labels.nii")

        try NIfTIImage.writeLabels(labels, like: reference, to: compressed.path)
        try NIfTIImage.writeLabels(labels, like: reference, to: plain.path)

        #expect(try Data(contentsOf: compressed).prefix(2) == Data([0x1f, 0x8b]))
        #expect(try Data(contentsOf: plain).count == 370_012)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "labels.nii", "labels.nii.gz",
            ])
    }

    @Test func labelsThatDoNotFillTheGridAreRefused() throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = try NIfTIImage.read(path: SampleFiles.segmentation)
        let path = folder.appendingPathComponent("short.nii.gz").path

        let error = try #require(throws: NIfTIError.self) {
            try NIfTIImage.writeLabels([1, 2, 3], like: reference, to: path)
        }

        #expect(error.code == .shapeMismatch)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aWriteIntoAMissingFolderFailsNamingThePath() throws {
        let reference = try NIfTIImage.read(path: SampleFiles.segmentation)
        let labels = [UInt8](repeating: 0, count: reference.header.voxelCount)
        let path = "/nonexistent/haven/out.nii.gz"

        let error = try #require(throws: NIfTIError.self) {
            try NIfTIImage.writeLabels(labels, like: reference, to: path)
        }

        #expect(error.code == .writeFailed)
        #expect(error.path == path)
    }
}
