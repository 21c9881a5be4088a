/// Why a NIfTI file could not be read or written, with the file it concerns.
public struct NIfTIError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The kind of failure, stable for callers that branch on it.
    public enum Code: String, Sendable, Equatable {
        /// The path does not exist, is a folder, or cannot be read.
        case notFound
        /// The file has no valid NIfTI-1 or NIfTI-2 header (a text file, an ANALYZE 7.5 pair, a bad
        /// gzip).
        case notNIfTI
        /// The header is valid but the voxel data is shorter than the header promises, or its gzip
        /// stream breaks.
        case truncated
        /// The voxel type is one Haven does not read (complex, RGB, 128-bit float), or not one a
        /// call accepts.
        case unsupportedDatatype
        /// A label map carries a scale slope or intercept, so its stored integers are not the
        /// labels.
        case scaledLabels
        /// A label map holds a value outside 0...65535.
        case labelOutOfRange
        /// The labels handed to a write do not fill the reference grid.
        case shapeMismatch
        /// The file could not be written, or did not read back as written.
        case writeFailed
        /// The gzip stream is corrupt or ends before its trailer.
        case corruptCompression
        /// The header's data offset or extensions disagree with the bytes the file holds.
        case headerMismatch
    }

    public var code: Code
    /// The file the failure concerns, as the caller named it.
    public var path: String
    /// What was wrong and what would fix it.
    public var message: String
    public var file: String
    public var line: Int

    /// Makes an error about `path`; the source location defaults to the throwing line.
    public init(_ code: Code, path: String, message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.path = path
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String {
        "NIfTI \(code.rawValue): \(path): \(message) [\(file):\(line)]"
    }
}
