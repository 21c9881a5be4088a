/// Something wrong with a series, naming the instances concerned.
public struct SeriesFault: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// The instance lacks orientation, position or size, so it cannot be placed in a volume.
        case noGeometry = "no-geometry"
        /// The instance faces another way than the volume, as scout or localizer images do; it is left out.
        case otherOrientation = "other-orientation"
        /// The instance's size or pixel spacing differs from the volume's; it is left out.
        case otherGrid = "other-grid"
        /// The instance sits where another already does; it is left out.
        case duplicatePosition = "duplicate-position"
        /// Slices are missing between two instances.
        case gap
        /// Two neighbours are closer or further apart than the series' spacing, without a whole slice missing.
        case unevenSpacing = "uneven-spacing"
    }

    public var kind: Kind
    /// The instances concerned: the one left out, or the two neighbours around a gap.
    public var instances: [String]
    public var message: String

    public init(kind: Kind, instances: [String], message: String) {
        self.kind = kind
        self.instances = instances
        self.message = message
    }
}
