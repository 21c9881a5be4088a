import Foundation
import NIfTI
import Testing

// Expected values were read with nibabel 5 and numpy in a separate Python environment:
//   h = nib.load(path).header; h.get_data_shape(), h.get_data_dtype(), h.get_zooms(),
//   h["sform_code"], h["qform_code"], h.get_sform()
@Suite("NIfTI headers of the sample case")
struct NIfTIHeaderTests {
    @Test func croppedCTHeaderHasTheLabelGridAndItsOrientationComesFromTheSform() throws {
        let header = try NIfTIImage.readHeader(path: SampleFiles.ctSmall)

        #expect(header.version == 1)
        #expect(header.dimensions == [122, 101, 30])
        #expect(header.spacing == [3, 3, 3])
        #expect(header.datatype == .int16)
        #expect(header.voxelCount == 122 * 101 * 30)
        #expect(header.sformCode == 2)
        #expect(header.qformCode == 0)
        #expect(header.orientationSource == .sform)
    }

    @Test func croppedCTAffineMatchesTheSformRows() throws {
        // nibabel get_sform(): diagonal 3 mm, translation (-177.95632934570312, 11.319000244140625,
        // 94.3017578125).
        let expected: [[Double]] = [
            [3, 0, 0, -177.95632934570312],
            [0, 3, 0, 11.319000244140625],
            [0, 0, 3, 94.3017578125],
            [0, 0, 0, 1],
        ]

        let header = try NIfTIImage.readHeader(path: SampleFiles.ctSmall)

        #expect(header.affine.count == 4)
        for (row, expectedRow) in zip(header.affine, expected) {
            #expect(zip(row, expectedRow).allSatisfy { abs($0 - $1) < 1e-4 })
        }
    }

    @Test func fullCTIs122By101By112At3MillimetresStoredAsInt32() throws {
        let header = try NIfTIImage.readHeader(path: SampleFiles.ct)

        #expect(header.dimensions == [122, 101, 112])
        #expect(header.spacing == [3, 3, 3])
        #expect(header.datatype == .int32)
        #expect(header.orientationSource == .sform)
    }

    @Test func labelMapsAreUInt8OnTheCroppedGrid() throws {
        let full = try NIfTIImage.readHeader(path: SampleFiles.segmentation)
        let fast = try NIfTIImage.readHeader(path: SampleFiles.segmentationFast)

        #expect(full.datatype == .uint8)
        #expect(full.dimensions == [122, 101, 30])
        #expect(fast.dimensions == full.dimensions)
        #expect(fast.affine == full.affine)
    }

    @Test func aHeaderRoundTripsThroughJSON() throws {
        let header = try NIfTIImage.readHeader(path: SampleFiles.ctSmall)

        let decoded = try JSONDecoder().decode(NIfTIHeader.self, from: JSONEncoder().encode(header))

        #expect(decoded == header)
    }
}
