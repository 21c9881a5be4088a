import Testing

@testable import HavenCore

@Suite("Aggregates and model comparisons")
struct StatisticsTests {
    @Test func summaryMatchesSciPyForFourValues() throws {
        // numpy/scipy: mean 2.5, std(ddof=1) 1.2909944487358056,
        // t.ppf(0.975, 3) · sd / √4 = 2.0542602567605206.
        let summary = SampleSummary([1, 2, 3, 4])

        #expect(summary.mean == 2.5)
        #expect(abs((summary.standardDeviation ?? 0) - 1.2909944487358056) < 1e-12)
        #expect(abs((summary.confidenceLower ?? 0) - (2.5 - 2.0542602567605206)) < 1e-9)
        #expect(abs((summary.confidenceUpper ?? 0) - (2.5 + 2.0542602567605206)) < 1e-9)
    }

    @Test func aMeanOverNoValuesIsUndefinedNotZero() {
        let summary = SampleSummary([])

        #expect(summary.count == 0)
        #expect(summary.mean == nil)
        #expect(summary.standardDeviation == nil)
    }

    @Test func unpairedAndPairedPValuesMatchSciPy() throws {
        // scipy.stats.ttest_ind([1,2,3,4], [2,3,4,5,6]).pvalue = 0.1704706607870538
        // x = [0.9, 0.8, 0.85, 0.7], y = [0.85, 0.78, 0.8, 0.6]:
        //   ttest_rel(x, y).pvalue = 0.04516783583455792, ttest_ind(x, y).pvalue = 0.45733105104807603
        let unpaired = try #require(ModelComparison.unpairedP([1, 2, 3, 4], [2, 3, 4, 5, 6]))
        let paired = try #require(ModelComparison.pairedP([0.05, 0.02, 0.05, 0.1]))
        let unpairedXY = try #require(ModelComparison.unpairedP([0.9, 0.8, 0.85, 0.7], [0.85, 0.78, 0.8, 0.6]))

        #expect(abs(unpaired - 0.1704706607870538) < 1e-9)
        #expect(abs(paired - 0.04516783583455792) < 1e-9)
        #expect(abs(unpairedXY - 0.45733105104807603) < 1e-9)
    }

    @Test func comparingTwoModelsOnTheSameCasesRunsThePairedTest() throws {
        // Dice per case for label 1: model A [0.9, 0.8, 0.85, 0.7], model B [0.85, 0.78, 0.8, 0.6];
        // the same pairs as above, so p = 0.04516783583455792.
        func evaluation(_ id: String, dice: Double) -> CaseEvaluation {
            let label = LabelMetrics(
                label: 1, outcome: .bothPresent,
                counts: ConfusionCounts(truePositives: 0, falsePositives: 0, falseNegatives: 0, trueNegatives: 0),
                referenceSurfaceVoxels: 0, predictionSurfaceVoxels: 0, values: [.dice: dice])
            return CaseEvaluation(
                caseID: id, grid: VoxelGrid(shape: VolumeShape(x: 1, y: 1, z: 1), spacing: [1, 1, 1]),
                configuration: EvaluationConfiguration(), penaltyMM: 0, labels: [label])
        }
        let first = zip(["a", "b", "c", "d"], [0.9, 0.8, 0.85, 0.7]).map { evaluation($0, dice: $1) }
        let second = zip(["a", "b", "c", "d"], [0.85, 0.78, 0.8, 0.6]).map { evaluation($0, dice: $1) }

        let dice = try #require(ModelComparison.compare(first, second).first { $0.metric == .dice })

        #expect(dice.pairCount == 4)
        #expect(abs((dice.pairedP ?? -1) - 0.04516783583455792) < 1e-9)
        #expect(abs((dice.unpairedP ?? -1) - 0.45733105104807603) < 1e-9)
    }
}
