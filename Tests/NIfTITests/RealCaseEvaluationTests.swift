import HavenCore
import NIfTI
import Testing

// These tests join the NIfTI reader to the HavenCore algorithms on the real sample case.
@Suite("Dice and the bone baseline on the sample case")
struct RealCaseEvaluationTests {
    @Test func fullAndFastModelsAgreeOnTheVertebraeAsNumPyComputed() throws {
        // numpy: r = ref == l; p = pred == l; 2 * (r & p).sum() / (r.sum() + p.sum()), with
        // ref = example_seg.nii.gz, pred = example_seg_fast.nii.gz:
        //   30 (L2):  |R| 1868, |P| 1888, |R∩P| 1829 -> 0.9739084132055378
        //   31 (L1):  |R| 2139, |P| 2167, |R∩P| 2077 -> 0.9647004180213655
        //   32 (T12): |R| 1783, |P| 1829, |R∩P| 1748 -> 0.9678848283499446
        //   33 (T11): |R|   70, |P|   74, |R∩P|   64 -> 0.8888888888888888
        // They agree within 0.001 with the values given independently: 0.974, 0.965, 0.968, 0.889.
        let reference = try NIfTIImage.read(path: SampleFiles.segmentation).voxelsAsLabels()
        let prediction = try NIfTIImage.read(path: SampleFiles.segmentationFast).voxelsAsLabels()

        let overlaps = DiceEvaluation.perLabel(reference: reference, prediction: prediction, labels: [30, 31, 32, 33])

        let dice = overlaps.map { $0.dice ?? -1 }
        #expect(abs(dice[0] - 0.974) < 0.001)
        #expect(abs(dice[1] - 0.965) < 0.001)
        #expect(abs(dice[2] - 0.968) < 0.001)
        #expect(abs(dice[3] - 0.889) < 0.001)
        #expect(overlaps.map(\.referenceVoxels) == [1868, 2139, 1783, 70])
        #expect(overlaps.map(\.predictionVoxels) == [1888, 2167, 1829, 74])
        #expect(overlaps.map(\.intersection) == [1829, 2077, 1748, 64])
    }

    @Test func theBoneBaselineMatchesAScipyReimplementationOnTheCroppedCT() throws {
        // scipy re-implementation of the same algorithm on example_ct_sm.nii.gz (float32 HU):
        //   m = ct >= 200; lab, n = ndimage.label(m, structure=np.ones((3, 3, 3)))   #
        //   26-connectivity sizes = np.bincount(lab.ravel()); keep = sizes >= 50; keep[0] = False;
        //   mask = keep[lab] bone = (seg >= 25) & (seg <= 50)        # vertebrae union in
        //   example_seg.nii.gz -> 3377 voxels >= 200 HU in 49 components; 9 kept (largest 2338), 40
        //   dropped; mask 3225 voxels;
        //      bone 5860 voxels; intersection 1987; Dice 2 * 1987 / (3225 + 5860) =
        //      0.43742432581177765.
        let ct = try NIfTIImage.read(path: SampleFiles.ctSmall)
        let labels = try NIfTIImage.read(path: SampleFiles.segmentation).voxelsAsLabels()
        let dimensions = ct.header.dimensions
        let shape = VolumeShape(x: dimensions[0], y: dimensions[1], z: dimensions[2])

        let result = BoneBaseline.segment(hounsfield: ct.voxelsAsFloat(), shape: shape, parameters: .init())
        let vertebrae = DiceEvaluation.merge(labels, mapping: Set(25...50), to: 1)
        let overlap = DiceEvaluation.perLabel(
            reference: vertebrae, prediction: result.mask.map { UInt16($0) }, labels: [1])[0]

        #expect(result.thresholdVoxelCount == 3377)
        #expect(result.components.count == 9)
        #expect(result.components.map(\.voxelCount).max() == 2338)
        #expect(result.droppedComponentCount == 40)
        #expect(result.boneVoxelCount == 3225)
        #expect(overlap.referenceVoxels == 5860)
        #expect(overlap.intersection == 1987)
        #expect(abs((overlap.dice ?? -1) - 0.43742432581177765) < 1e-12)
    }
}
