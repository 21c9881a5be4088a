import HavenCore
import Testing

@Suite struct SeriesCheckTests {
    static let axial = [1.0, 0, 0, 0, 1, 0]

    /// An axial slice at height `z` (the normal of an axial slice is +z, so its distance along the normal is z).
    static func slice(_ id: String, z: Double, orientation: [Double] = axial) -> SeriesInstance {
        SeriesInstance(
            id: id, orientation: orientation, position: [-249.5, -437.5, z], pixelSpacing: [0.9765625, 0.9765625],
            rows: 512, columns: 512)
    }

    @Test func evenSeriesIsCompleteWithSpacingFromPositions() {
        // Out of order on purpose: the check sorts along the normal. Steps of 2 mm by hand: -770.5 - -772.5 = 2.
        let report = SeriesCheck.check([
            Self.slice("b", z: -770.5), Self.slice("a", z: -772.5), Self.slice("c", z: -768.5),
        ])
        #expect(report.isComplete)
        #expect(report.kept == ["a", "b", "c"])
        #expect(report.sliceSpacing == 2.0)
        #expect(report.faults.isEmpty)
    }

    @Test func missingSliceIsAGapNamingItsWidthAndTheTwoPositionsAroundIt() {
        // Slices every 2 mm from -780.5 to -766.5 with -774.5 missing: the gap is -772.5 - -776.5 = 4 mm.
        let zs: [Double] = [-780.5, -778.5, -776.5, -772.5, -770.5, -768.5, -766.5]
        let report = SeriesCheck.check(zs.enumerated().map { Self.slice("s\($0.offset)", z: $0.element) })
        #expect(!report.isComplete)
        #expect(report.sliceSpacing == 2.0)
        let gap = report.faults.first { $0.kind == .gap }
        #expect(gap?.instances == ["s2", "s3"])
        #expect(gap?.message.contains("gap of 4 mm") == true)
        #expect(gap?.message.contains("(-249.5, -437.5, -776.5)") == true)
        #expect(gap?.message.contains("(-249.5, -437.5, -772.5)") == true)
        #expect(gap?.message.contains("about 1 slice(s) missing") == true)
    }

    @Test func scoutsOfAnotherOrientationAreNamedAndTheAxialVolumeKept() {
        let coronal = [1.0, 0, 0, 0, 0, -1]
        let axial = (0..<5).map { Self.slice("axial\($0)", z: -780.5 + 2 * Double($0)) }
        let scouts = (0..<3).map { Self.slice("scout\($0)", z: -770.5, orientation: coronal) }
        let report = SeriesCheck.check(scouts + axial)
        #expect(report.kept == axial.map(\.id))
        #expect(report.excluded == scouts.map(\.id))
        #expect(report.faults.map(\.kind) == [.otherOrientation, .otherOrientation, .otherOrientation])
        #expect(report.isComplete)
    }

    @Test func spacingFollowsTheNormalOfAnObliqueSeries() {
        // Rows along x, columns tilted 30° from y towards z: normal = (0, -sin 30°, cos 30°) = (0, -0.5, 0.866...).
        // Moving each slice by 3 mm along that normal gives steps of exactly 3 mm, whatever the z step is.
        let oblique = [1.0, 0, 0, 0, 0.8660254037844387, 0.5]
        let normal = [0.0, -0.5, 0.8660254037844387]
        let slices = (0..<4).map { index in
            SeriesInstance(
                id: "o\(index)", orientation: oblique, position: normal.map { $0 * 3 * Double(index) },
                pixelSpacing: [1, 1], rows: 4, columns: 4)
        }
        let report = SeriesCheck.check(slices)
        #expect(abs((report.sliceSpacing ?? 0) - 3) < 1e-9)
        #expect(report.isComplete)
    }

    @Test func duplicatePositionAndMissingGeometryAreNamedAndLeftOut() {
        var broken = Self.slice("nogeo", z: -770)
        broken.position = nil
        let report = SeriesCheck.check([
            Self.slice("a", z: -772.5), Self.slice("b", z: -770.5), Self.slice("dup", z: -770.5), broken,
        ])
        #expect(report.kept == ["a", "b"])
        #expect(Set(report.excluded) == ["dup", "nogeo"])
        #expect(Set(report.faults.map(\.kind)) == [.duplicatePosition, .noGeometry])
    }
}
