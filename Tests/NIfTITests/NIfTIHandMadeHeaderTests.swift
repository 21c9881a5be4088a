import Foundation
import NIfTI
import Testing

// Each file is 2 x 2 x 1 voxels of 2 x 3 x 4 mm, built by HandMadeNIfTI from the NIfTI-1 field offsets.
@Suite("NIfTI headers written by hand")
final class NIfTIHandMadeHeaderTests {
    let folder: URL

    init() throws {
        folder = try SampleFiles.scratchFolder()
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    @Test func floatVoxelsGetSlopeAndInterceptAndCannotBeLabels() throws {
        // Stored 1, 2, 3, 4 with slope 2 and intercept 1 -> 2v + 1 = 3, 5, 7, 9.
        var file = HandMadeNIfTI()
        file.datatype = 16
        file.bitsPerVoxel = 32
        file.slope = 2
        file.intercept = 1
        file.voxelBytes = HandMadeNIfTI.littleEndian([Float(1), 2, 3, 4])
        let image = try NIfTIImage.read(path: file.write(to: folder, as: "float.nii"))

        let error = try #require(throws: NIfTIError.self) { try image.voxelsAsLabels() }

        #expect(image.header.datatype == .float32)
        #expect(image.voxelsAsFloat() == [3, 5, 7, 9])
        #expect(error.code == .unsupportedDatatype)
        #expect(error.description.contains("float.nii"))
    }

    @Test func integerLabelsWithARealSlopeAreRefusedAsScaled() throws {
        var file = HandMadeNIfTI()
        file.slope = 2
        file.voxelBytes = HandMadeNIfTI.littleEndian([Int16(0), 1, 2, 3])
        let image = try NIfTIImage.read(path: file.write(to: folder, as: "scaled.nii"))

        let error = try #require(throws: NIfTIError.self) { try image.voxelsAsLabels() }

        #expect(error.code == .scaledLabels)
        #expect(error.description.contains("scaled.nii"))
        #expect(image.voxelsAsFloat() == [0, 2, 4, 6])
    }

    @Test func integerLabelsWithTheIdentityScalingAreAccepted() throws {
        var file = HandMadeNIfTI()
        file.slope = 1
        file.voxelBytes = HandMadeNIfTI.littleEndian([Int16(0), 1, 2, 300])
        let image = try NIfTIImage.read(path: file.write(to: folder, as: "identity.nii"))

        #expect(try image.voxelsAsLabels() == [0, 1, 2, 300])
    }

    @Test func withNeitherCodeTheAffineIsTheVoxelSizes() throws {
        var file = HandMadeNIfTI()
        file.voxelBytes = HandMadeNIfTI.littleEndian([Int16(0), 0, 0, 0])
        let header = try NIfTIImage.readHeader(path: file.write(to: folder, as: "plain.nii"))

        #expect(header.orientationSource == .voxelSizes)
        #expect(header.affine == [[2, 0, 0, 0], [0, 3, 0, 0], [0, 0, 4, 0], [0, 0, 0, 1]])
        #expect(header.spacing == [2, 3, 4])
    }

    @Test func withOnlyAQformTheAffineComesFromTheQuaternion() throws {
        // b = c = d = 0 is the identity rotation (a = 1); qfac pixdim[0] = 1; the columns scale by the voxel
        // sizes 2, 3, 4 and the offsets (10, 20, 30) form the last column.
        var file = HandMadeNIfTI()
        file.qformCode = 1
        file.quaternion = [0, 0, 0, 10, 20, 30]
        file.voxelBytes = HandMadeNIfTI.littleEndian([Int16(0), 0, 0, 0])
        let header = try NIfTIImage.readHeader(path: file.write(to: folder, as: "qform.nii"))

        #expect(header.orientationSource == .qform)
        #expect(header.affine == [[2, 0, 0, 10], [0, 3, 0, 20], [0, 0, 4, 30], [0, 0, 0, 1]])
    }

    @Test func whenBothCodesAreSetTheSformWins() throws {
        var file = HandMadeNIfTI()
        file.qformCode = 1
        file.quaternion = [0, 0, 0, 10, 20, 30]
        file.sformCode = 4
        file.sformRows = [[-2, 0, 0, 5], [0, 3, 0, 6], [0, 0, 4, 7]]
        file.voxelBytes = HandMadeNIfTI.littleEndian([Int16(0), 0, 0, 0])
        let header = try NIfTIImage.readHeader(path: file.write(to: folder, as: "both.nii"))

        #expect(header.orientationSource == .sform)
        #expect(header.sformCode == 4)
        #expect(header.qformCode == 1)
        #expect(header.affine == [[-2, 0, 0, 5], [0, 3, 0, 6], [0, 0, 4, 7], [0, 0, 0, 1]])
    }

    @Test func trailingUnitAxesBeyondTheThirdAreTrimmedButATimeAxisStays() throws {
        var trailing = HandMadeNIfTI()
        trailing.dim = [5, 2, 2, 1, 1, 1, 1, 1]
        trailing.voxelBytes = HandMadeNIfTI.littleEndian([Int16(0), 0, 0, 0])
        var series = HandMadeNIfTI()
        series.dim = [4, 2, 1, 1, 2, 1, 1, 1]
        series.pixdim = [1, 2, 3, 4, 0.5, 1, 1, 1]
        series.voxelBytes = HandMadeNIfTI.littleEndian([Int16(0), 0, 0, 0])

        let trimmed = try NIfTIImage.readHeader(path: trailing.write(to: folder, as: "trailing.nii"))
        let timed = try NIfTIImage.readHeader(path: series.write(to: folder, as: "series.nii"))

        #expect(trimmed.dimensions == [2, 2, 1])
        #expect(timed.dimensions == [2, 1, 1, 2])
        #expect(timed.spacing == [2, 3, 4, 0.5])
        #expect(timed.voxelCount == 4)
    }
}
