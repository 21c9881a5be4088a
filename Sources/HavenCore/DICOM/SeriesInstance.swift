/// The geometry of one image of a series, as its attributes give it.
public struct SeriesInstance: Sendable, Hashable, Codable {
    /// The SOP Instance UID, or the file name where the instance has none.
    public var id: String
    /// Row and column direction cosines (Image Orientation (Patient)).
    public var orientation: [Double]?
    /// The top-left voxel's centre in patient coordinates, in mm (Image Position (Patient)).
    public var position: [Double]?
    /// Row then column spacing in mm (Pixel Spacing).
    public var pixelSpacing: [Double]?
    public var rows: Int?
    public var columns: Int?

    public init(
        id: String, orientation: [Double]?, position: [Double]?, pixelSpacing: [Double]?, rows: Int?, columns: Int?
    ) {
        self.id = id
        self.orientation = orientation
        self.position = position
        self.pixelSpacing = pixelSpacing
        self.rows = rows
        self.columns = columns
    }

    /// The instance described by a file's attributes.
    public init(_ dataset: DICOMDataset) {
        self.init(
            id: dataset.string(.sopInstanceUID) ?? dataset.file,
            orientation: dataset.numbers(.imageOrientationPatient), position: dataset.numbers(.imagePositionPatient),
            pixelSpacing: dataset.numbers(.pixelSpacing), rows: dataset.string(.rows).flatMap { Int($0) },
            columns: dataset.string(.columns).flatMap { Int($0) })
    }
}
