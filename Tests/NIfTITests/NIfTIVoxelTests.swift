import NIfTI
import Testing

// Expected values from nibabel and numpy, outside Haven: a = np.asarray(nib.load(path).dataobj);
// voxel (x, y, z) is a[x, y, z], which is flat index (z * ny + y) * nx + x in NIfTI's x-fastest
// order.
@Suite("NIfTI voxels of the sample case")
struct NIfTIVoxelTests {
    @Test func croppedCTVoxelsMatchNumPy() throws {
        // a.min() = -1100, a.max() = 1207, a.sum() = -130894872, a[0,0,0] = -1024, a[10,20,5] =
        // -985.
        let image = try NIfTIImage.read(path: SampleFiles.ctSmall)

        let voxels = image.voxelsAsFloat()

        #expect(voxels.count == 369_660)
        #expect(voxels.min() == -1100)
        #expect(voxels.max() == 1207)
        #expect(voxels.reduce(0.0) { $0 + Double($1) } == -130_894_872)
        #expect(voxels[0] == -1024)
        #expect(voxels[(5 * 101 + 20) * 122 + 10] == -985)
    }

    @Test func fullCTVoxelsMatchNumPy() throws {
        // a.min() = -1207, a.max() = 3382, a.sum() = -496851173, a[61,50,56] = 164.
        let image = try NIfTIImage.read(path: SampleFiles.ct)

        let voxels = image.voxelsAsFloat()

        #expect(voxels.count == 122 * 101 * 112)
        #expect(voxels.min() == -1207)
        #expect(voxels.max() == 3382)
        #expect(voxels.reduce(0.0) { $0 + Double($1) } == -496_851_173)
        #expect(voxels[(56 * 101 + 50) * 122 + 61] == 164)
    }

    @Test func segmentationHoldsTheExpectedVertebraeAndLabelSet() throws {
        // np.unique(a) on example_seg.nii.gz; (a > 0).sum() = 110225; (a == 30).sum() = 1868.
        let expectedLabels: Set<UInt16> = [
            0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 18, 19, 20, 30, 31, 32, 33, 52, 63, 64, 79, 86, 87, 88, 89,
            98, 99, 100, 101, 102, 103, 110, 111, 112, 113, 114, 115, 117,
        ]
        let image = try NIfTIImage.read(path: SampleFiles.segmentation)

        let labels = try image.voxelsAsLabels()

        #expect(Set(labels) == expectedLabels)
        #expect(Set(labels).isSuperset(of: [30, 31, 32, 33]))
        #expect(labels.count { $0 > 0 } == 110_225)
        #expect(labels.count { $0 == 30 } == 1868)
        #expect(labels[(13 * 101 + 24) * 122 + 46] == 31)
    }

    @Test func theDICOMGridLabelMapHasAFlippedXAxisInItsSform() throws {
        // nibabel: shape (512, 512, 20), uint8, 32 distinct values, (a > 0).sum() = 739420; get_sform()
        // rows (-0.9765625, 0, 0, 249.51171875), (0, 0.9765625, 0, -61.51171875), (0, 0, 2, -804.5).
        let image = try NIfTIImage.read(path: SampleFiles.segmentationDICOM)

        let labels = try image.voxelsAsLabels()

        #expect(image.header.dimensions == [512, 512, 20])
        #expect(image.header.spacing == [0.9765625, 0.9765625, 2])
        #expect(image.header.affine[0] == [-0.9765625, 0, 0, 249.51171875])
        #expect(image.header.affine[2] == [0, 0, 2, -804.5])
        #expect(Set(labels).count == 32)
        #expect(labels.count { $0 > 0 } == 739_420)
    }

    @Test func negativeValuesAreRefusedAsLabelsNamingTheFile() throws {
        // The CT's first voxel is -1024 HU, so it cannot be a label.
        let image = try NIfTIImage.read(path: SampleFiles.ctSmall)

        let error = try #require(throws: NIfTIError.self) { try image.voxelsAsLabels() }

        #expect(error.code == .labelOutOfRange)
        #expect(error.description.contains("example_ct_sm.nii.gz"))
        #expect(error.description.contains("-1024"))
    }
}
