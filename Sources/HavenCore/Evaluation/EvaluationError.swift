/// Why a segmentation evaluation, aggregate or comparison was refused.
public struct EvaluationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, stable for callers that branch on it.
    public enum Code: String, Sendable, Equatable {
        /// Reference and prediction are not on the same grid; ``EvaluationError/differences`` lists
        /// each differing field.
        case geometryMismatch
        /// A label map declares a scaling that would change its integer labels.
        case scaledLabels
        /// A label map holds a different number of labels than its grid has voxels.
        case voxelCountMismatch
        /// A parameter is out of its range (a negative tolerance, a percentile outside 0...100).
        case invalidParameter
        /// A paired comparison was asked for cases that are not the same in both sets.
        case unpairedCases
    }

    public var code: Code
    /// What was wrong with which input and what would fix it.
    public var message: String
    /// For ``Code/geometryMismatch``, every differing field; empty otherwise.
    public var differences: [GridDifference]
    public var file: String
    public var line: Int

    /// Makes an error; the source location defaults to the throwing line.
    public init(
        _ code: Code, message: String, differences: [GridDifference] = [], file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.differences = differences
        self.file = file
        self.line = line
    }

    public var description: String {
        "evaluation \(code.rawValue): \(message) [\(file):\(line)]"
    }
}
