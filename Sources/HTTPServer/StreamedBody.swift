import Foundation

/// A request body the server wrote to a staging file as it arrived, hashing it on the way, instead of holding it
/// in memory.
///
/// The handler owns the file while it runs: it may move it elsewhere (a rename or hard link keeps the bytes on
/// disk). Whatever is still at ``file`` when the handler returns is removed by the server.
public struct StreamedBody: Sendable {
    /// The staging file; its name keeps the request path's `.nii` or `.nii.gz` suffix.
    public let file: URL
    /// How many bytes arrived.
    public let byteCount: Int64
    /// The SHA-256 of the bytes, in lowercase hex.
    public let sha256: String

    /// Makes a streamed body; the server builds these, tests may too.
    public init(file: URL, byteCount: Int64, sha256: String) {
        self.file = file
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}
