import HavenCore
import Testing

@Suite("Per-label Dice")
struct DiceEvaluationTests {
    // A 2 x 2 x 2 pair, flat in x-fastest order:
    //   reference  1 1 2 2 | 0 0 3 0
    //   prediction 1 2 2 2 | 0 0 0 4
    // label 1: |R| = 2, |P| = 1, |R ∩ P| = 1 -> Dice 2 * 1 / 3 = 0.6667
    // label 2: |R| = 2, |P| = 3, |R ∩ P| = 2 -> Dice 2 * 2 / 5 = 0.8
    // label 3: |R| = 1, |P| = 0 -> Dice 0;  label 4: |R| = 0, |P| = 1 -> Dice 0
    let reference: [UInt16] = [1, 1, 2, 2, 0, 0, 3, 0]
    let prediction: [UInt16] = [1, 2, 2, 2, 0, 0, 0, 4]

    @Test func everyLabelAboveZeroInEitherMapIsReportedInAscendingOrder() {
        let overlaps = DiceEvaluation.perLabel(reference: reference, prediction: prediction)

        #expect(overlaps.map(\.label) == [1, 2, 3, 4])
    }

    @Test func diceMatchesTheHandCalculationOnATinyPair() throws {
        let overlaps = DiceEvaluation.perLabel(reference: reference, prediction: prediction)

        #expect(
            overlaps[0]
                == LabelOverlap(label: 1, referenceVoxels: 2, predictionVoxels: 1, intersection: 1, dice: 2.0 / 3.0))
        #expect(
            overlaps[1] == LabelOverlap(label: 2, referenceVoxels: 2, predictionVoxels: 3, intersection: 2, dice: 0.8))
    }

    @Test func aLabelInOnlyOneMapScoresZero() {
        let overlaps = DiceEvaluation.perLabel(reference: reference, prediction: prediction, labels: [3, 4])

        #expect(overlaps.map(\.dice) == [0, 0])
        #expect(overlaps.map(\.referenceVoxels) == [1, 0])
        #expect(overlaps.map(\.predictionVoxels) == [0, 1])
    }

    @Test func aLabelInNeitherMapHasNoDiceRatherThanNaN() {
        let overlaps = DiceEvaluation.perLabel(reference: reference, prediction: prediction, labels: [5, 70_000])

        #expect(overlaps.count == 2)
        #expect(overlaps.allSatisfy { $0.dice == nil && $0.referenceVoxels == 0 && $0.predictionVoxels == 0 })
    }

    @Test func requestedLabelsComeBackInTheRequestedOrder() {
        let overlaps = DiceEvaluation.perLabel(reference: reference, prediction: prediction, labels: [2, 1])

        #expect(overlaps.map(\.label) == [2, 1])
    }

    @Test func identicalMapsScoreOne() {
        let overlaps = DiceEvaluation.perLabel(reference: reference, prediction: reference)

        #expect(overlaps.map(\.dice) == [1, 1, 1])
    }

    @Test func mergeMarksMappedLabelsAndClearsEveryOtherLabel() {
        // 25 and 50 are inside 25...50; 1 and 51 are not, so they become 0 and cannot pose as the
        // merged value.
        let merged = DiceEvaluation.merge([0, 25, 30, 1, 50, 51], mapping: Set(25...50), to: 1)

        #expect(merged == [0, 1, 1, 0, 1, 0])
    }
}
