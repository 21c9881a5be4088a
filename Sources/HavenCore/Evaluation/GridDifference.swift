/// One field in which a prediction's grid differs from the reference's grid beyond the tolerance.
public struct GridDifference: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Which part of the grid differs.
    public enum Field: String, Sendable, Equatable, Codable {
        case shape
        case spacing
        case origin
        case direction
    }

    public var field: Field
    /// The axis concerned: `x`, `y` or `z`; for a direction, the voxel axis whose direction differs.
    public var axis: String
    /// For a direction, the world component (`x`, `y` or `z`) that differs; nil otherwise.
    public var component: String?
    public var reference: Double
    public var prediction: Double

    public init(field: Field, axis: String, component: String? = nil, reference: Double, prediction: Double) {
        self.field = field
        self.axis = axis
        self.component = component
        self.reference = reference
        self.prediction = prediction
    }

    public var description: String {
        let place = component.map { "\(axis).\($0)" } ?? axis
        return "\(field.rawValue) \(place): reference \(reference), prediction \(prediction)"
    }
}
