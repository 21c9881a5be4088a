import HavenCore
import Testing

@Suite("Bone baseline")
struct BoneBaselineTests {
    // A 6 x 6 x 6 volume at -1000 HU with:
    //   a 2 x 2 x 2 cube at x, y, z in 0...1 (8 voxels, 1000 HU),
    //   one voxel at (2, 2, 2) with exactly 200 HU that meets the cube only at the corner (1, 1,
    //   1), a 3 x 3 plate at x, y in 3...5, z = 4 (9 voxels, 1000 HU),
    //   a speck of 1 voxel at (5, 0, 5), and a voxel at 199.9 HU at (0, 5, 0), just below the
    //   threshold.
    // With 26-connectivity the corner voxel joins the cube: blobs of 9 and 9, the speck dropped
    // (minimum 2). Flat first voxels: cube 0, plate (4 * 6 + 3) * 6 + 3 = 165, so the cube is
    // reported first.
    let shape = VolumeShape(x: 6, y: 6, z: 6)

    func volume() -> [Float] {
        var hounsfield = [Float](repeating: -1000, count: shape.count)
        for z in 0...1 {
            for y in 0...1 {
                for x in 0...1 { hounsfield[shape.index(x: x, y: y, z: z)] = 1000 }
            }
        }
        hounsfield[shape.index(x: 2, y: 2, z: 2)] = 200
        for y in 3...5 {
            for x in 3...5 { hounsfield[shape.index(x: x, y: y, z: 4)] = 1000 }
        }
        hounsfield[shape.index(x: 5, y: 0, z: 5)] = 1000
        hounsfield[shape.index(x: 0, y: 5, z: 0)] = 199.9
        return hounsfield
    }

    @Test func keepsBothBlobsAndDropsTheSpeck() {
        let parameters = BoneBaseline.Parameters(thresholdHU: 200, minimumComponentVoxels: 2)

        let result = BoneBaseline.segment(hounsfield: volume(), shape: shape, parameters: parameters)

        #expect(result.components.map(\.voxelCount) == [9, 9])
        #expect(result.droppedComponentCount == 1)
        #expect(result.droppedVoxelCount == 1)
        #expect(result.thresholdVoxelCount == 19)
        #expect(result.mask[shape.index(x: 5, y: 0, z: 5)] == 0)
        #expect(result.mask.reduce(0) { $0 + Int($1) } == 18)
    }

    @Test func aVoxelTouchingOnlyAtACornerJoinsTheBlobUnder26Connectivity() {
        let parameters = BoneBaseline.Parameters(thresholdHU: 200, minimumComponentVoxels: 2)

        let result = BoneBaseline.segment(hounsfield: volume(), shape: shape, parameters: parameters)

        #expect(result.mask[shape.index(x: 2, y: 2, z: 2)] == 1)
        #expect(result.components.first?.lower == VoxelCoordinate(x: 0, y: 0, z: 0))
        #expect(result.components.first?.upper == VoxelCoordinate(x: 2, y: 2, z: 2))
    }

    @Test func theThresholdIsInclusiveAndValuesBelowItAreNotBone() {
        let parameters = BoneBaseline.Parameters(thresholdHU: 200, minimumComponentVoxels: 1)

        let result = BoneBaseline.segment(hounsfield: volume(), shape: shape, parameters: parameters)

        #expect(result.mask[shape.index(x: 2, y: 2, z: 2)] == 1)
        #expect(result.mask[shape.index(x: 0, y: 5, z: 0)] == 0)
        #expect(result.components.map(\.voxelCount) == [9, 9, 1])
    }

    @Test func theBoundsOfThePlateSpanItsVoxels() {
        let parameters = BoneBaseline.Parameters(thresholdHU: 200, minimumComponentVoxels: 2)

        let result = BoneBaseline.segment(hounsfield: volume(), shape: shape, parameters: parameters)

        #expect(result.components.last?.lower == VoxelCoordinate(x: 3, y: 3, z: 4))
        #expect(result.components.last?.upper == VoxelCoordinate(x: 5, y: 5, z: 4))
    }

    @Test func blobsSmallerThanTheDefaultMinimumOf50AreAllDropped() {
        let result = BoneBaseline.segment(hounsfield: volume(), shape: shape, parameters: .init())

        #expect(result.components.isEmpty)
        #expect(result.droppedComponentCount == 3)
        #expect(result.mask.allSatisfy { $0 == 0 })
    }

    @Test func notANumberIsNotBone() {
        let tiny = VolumeShape(x: 2, y: 1, z: 1)
        let parameters = BoneBaseline.Parameters(thresholdHU: 200, minimumComponentVoxels: 1)

        let result = BoneBaseline.segment(hounsfield: [.nan, 500], shape: tiny, parameters: parameters)

        #expect(result.mask == [0, 1])
    }

    @Test func aShapeMapsFlatIndicesToCoordinatesWithXFastest() {
        // (x, y, z) = (1, 2, 3) in 4 x 5 x 6: (3 * 5 + 2) * 4 + 1 = 69.
        let grid = VolumeShape(x: 4, y: 5, z: 6)

        #expect(grid.index(x: 1, y: 2, z: 3) == 69)
        #expect(grid.coordinate(of: 69) == VoxelCoordinate(x: 1, y: 2, z: 3))
        #expect(grid.count == 120)
    }
}
