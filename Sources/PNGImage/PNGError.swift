/// Why a PNG could not be encoded or written.
public struct PNGError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, stable for callers that branch on it.
    public enum Code: String, Sendable, Equatable {
        /// The pixel buffer does not hold three bytes for every pixel, or a side is 0.
        case badPixels
        /// zlib refused to compress the image.
        case compressionFailed
        /// The file could not be written.
        case writeFailed
    }

    public var code: Code
    /// What was wrong and what would fix it.
    public var message: String
    public var file: String
    public var line: Int

    public init(_ code: Code, message: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
    }

    public var description: String {
        "PNG \(code.rawValue): \(message) [\(file):\(line)]"
    }
}
