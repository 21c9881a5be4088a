internal import CZlib
import Foundation

/// Reads a file through zlib, which decompresses a gzip stream and passes other files through unchanged.
///
/// It owns the `gzFile` and closes it in `deinit`; it is used from one thread at a time.
final class GzipReader {
    private let file: gzFile

    /// Opens `path`; nil if the file cannot be opened.
    init?(path: String) {
        guard let file = gzopen(path, "rb") else { return nil }
        self.file = file
        gzbuffer(file, 1 << 20)
    }

    deinit {
        gzclose_r(file)
    }

    /// Reads up to `buffer.count` bytes; 0 at the end, a failure when the stream is corrupt or cut.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Result<Int, Failure> {
        guard let base = buffer.baseAddress else { return .success(0) }
        let count = gzread(file, base, UInt32(min(buffer.count, Int(Int32.max))))
        var code: Int32 = 0
        let message = gzerror(file, &code).map { String(cString: $0) } ?? ""
        if count < 0 || (code != Z_OK && code != Z_BUF_ERROR) { return .failure(.corrupt(message)) }
        if count == 0 && code == Z_BUF_ERROR { return .failure(.truncated) }
        return .success(Int(count))
    }

    /// Why a read failed.
    enum Failure: Error {
        /// The compressed stream ends before its end marker and checksum.
        case truncated
        /// The stream holds bytes that do not decompress, or a checksum that does not match; zlib's message.
        case corrupt(String)
    }
}
