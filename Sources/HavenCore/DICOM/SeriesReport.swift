/// The result of checking a series before it becomes a volume.
public struct SeriesReport: Sendable, Hashable, Codable {
    /// The instances that form the volume, ordered along the slice normal.
    public var kept: [String]
    /// The instances left out, each named in a fault.
    public var excluded: [String]
    public var faults: [SeriesFault]
    /// Distance between neighbouring slices along the slice normal, from their positions (the median), in mm.
    public var sliceSpacing: Double?
    /// Row and column spacing in mm.
    public var pixelSpacing: [Double]?
    public var rows: Int?
    public var columns: Int?

    /// Whether the kept instances form an evenly spaced volume with no slice missing.
    public var isComplete: Bool {
        !kept.isEmpty && !faults.contains { $0.kind == .gap || $0.kind == .unevenSpacing }
    }

    public init(
        kept: [String], excluded: [String], faults: [SeriesFault], sliceSpacing: Double?, pixelSpacing: [Double]?,
        rows: Int?, columns: Int?
    ) {
        self.kept = kept
        self.excluded = excluded
        self.faults = faults
        self.sliceSpacing = sliceSpacing
        self.pixelSpacing = pixelSpacing
        self.rows = rows
        self.columns = columns
    }
}
