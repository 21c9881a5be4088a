/// The RGB pixels of a heat map of a report's table: one row of cells per label, one column per
/// metric, each cell coloured by how good its mean is on that column's scale.
///
/// Ratios use their own 0...1 scale; distances run from 0 mm (best) to the largest mean in the
/// column (worst). Undefined cells are mid grey. A one-cell gap separates the rows of cells from a
/// colour bar along the bottom that shows the scale from worst (left) to best (right).
public struct HeatMap: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Three bytes per pixel, rows from the top, left to right.
    public var rgb: [UInt8]

    /// Paints `report` with square cells of `cellSize` pixels.
    public init(report: EvaluationReport, cellSize: Int = 16) {
        let rows = report.aggregate.labels.count
        let columns = report.metrics.count
        width = max(columns, 1) * cellSize
        height = (rows + 2) * cellSize
        rgb = [UInt8](repeating: 255, count: width * height * 3)

        for (column, metric) in report.metrics.enumerated() {
            let worstDistance = report.aggregate.labels.compactMap { $0.metrics[metric]?.mean }.max() ?? 0
            for (row, label) in report.aggregate.labels.enumerated() {
                let colour = label.metrics[metric]?.mean.map {
                    Self.colour(goodness: Self.goodness($0, metric: metric, worstDistance: worstDistance))
                }
                fill(row: row, column: column, cellSize: cellSize, colour: colour ?? (128, 128, 128))
            }
        }

        for x in 0..<width {
            let colour = Self.colour(goodness: width > 1 ? Double(x) / Double(width - 1) : 1)
            for y in (height - cellSize)..<height {
                set(x: x, y: y, colour)
            }
        }
    }

    /// 0 for the worst value on the column's scale, 1 for the best.
    static func goodness(_ value: Double, metric: SegmentationMetric, worstDistance: Double) -> Double {
        guard metric.isDistance else { return min(max(value, 0), 1) }
        guard worstDistance > 0 else { return 1 }
        return 1 - min(max(value / worstDistance, 0), 1)
    }

    /// A dark-purple to teal to yellow ramp, readable in grey scale because brightness rises with
    /// goodness.
    static func colour(goodness: Double) -> (UInt8, UInt8, UInt8) {
        let stops: [(Double, Double, Double)] = [(68, 1, 84), (33, 145, 140), (253, 231, 37)]
        let position = min(max(goodness, 0), 1) * Double(stops.count - 1)
        let index = min(Int(position), stops.count - 2)
        let fraction = position - Double(index)
        let (a, b) = (stops[index], stops[index + 1])
        return (
            UInt8((a.0 + (b.0 - a.0) * fraction).rounded()), UInt8((a.1 + (b.1 - a.1) * fraction).rounded()),
            UInt8((a.2 + (b.2 - a.2) * fraction).rounded())
        )
    }

    private mutating func fill(row: Int, column: Int, cellSize: Int, colour: (UInt8, UInt8, UInt8)) {
        // A one-pixel white border keeps neighbouring cells of similar colour apart.
        for y in (row * cellSize + 1)..<((row + 1) * cellSize) {
            for x in (column * cellSize + 1)..<((column + 1) * cellSize) {
                set(x: x, y: y, colour)
            }
        }
    }

    private mutating func set(x: Int, y: Int, _ colour: (UInt8, UInt8, UInt8)) {
        let offset = (y * width + x) * 3
        rgb[offset] = colour.0
        rgb[offset + 1] = colour.1
        rgb[offset + 2] = colour.2
    }
}
