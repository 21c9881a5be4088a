import Foundation

/// Reads a byte range of one object from a file descriptor in pieces, so that memory stays flat whatever the size.
///
/// Reads block, so callers run them off Swift's cooperative pool (the HTTP server's own threads, or a serial
/// queue). It owns the descriptor and closes it in `deinit`; a spooled copy (an S3 range fetched to a temporary
/// file) is removed then too.
final class ObjectReader: @unchecked Sendable {
    // @unchecked: one consumer at a time reads it; the descriptor and counters are not shared otherwise.
    private let descriptor: Int32
    private var offset: Int64
    private(set) var remaining: Int64
    private let spool: URL?

    /// Opens `file` for reading bytes `range`; `spool` names a temporary copy to remove when done.
    init(file: URL, range: Range<Int64>, spool: URL? = nil) throws(StorageError) {
        descriptor = Foundation.open(file.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw StorageError(.missing, path: file.lastPathComponent, String(cString: strerror(errno)))
        }
        offset = range.lowerBound
        remaining = Int64(range.count)
        self.spool = spool
    }

    deinit {
        close(descriptor)
        if let spool { unlink(spool.path) }
    }

    /// Reads up to `buffer.count` of the remaining bytes into `buffer`; 0 at the end of the range.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(StorageError) -> Int {
        let wanted = Int(min(Int64(buffer.count), remaining))
        guard wanted > 0, let base = buffer.baseAddress else { return 0 }
        var count = pread(descriptor, base, wanted, off_t(offset))
        while count < 0 && errno == EINTR { count = pread(descriptor, base, wanted, off_t(offset)) }
        guard count > 0 else {
            throw StorageError(
                .unavailable, path: "", count == 0 ? "the object ended early" : String(cString: strerror(errno)))
        }
        offset += Int64(count)
        remaining -= Int64(count)
        return count
    }

    /// Reads up to `count` remaining bytes as `Data`; empty at the end of the range.
    func read(upTo count: Int) throws(StorageError) -> Data {
        var data = Data(count: Int(min(Int64(count), remaining)))
        let got = data.withUnsafeMutableBytes { buffer in Result { () throws(StorageError) in try read(into: buffer) } }
        data.count = try got.get()
        return data
    }
}
