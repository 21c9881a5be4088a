import Foundation
import HavenCrypto

/// Writes one streamed request body to its staging file and hashes it as it goes.
///
/// MHD hands the body over in pieces of a few KiB; they are gathered in a buffer of ``bufferBytes`` and
/// written a buffer at a time. Only the connection's MHD thread touches the sink, like the
/// ``RequestContext`` that owns it. The file is removed by ``discard()`` unless ``finish()`` handed it on.
final class UploadSink {
    static let bufferBytes = 1 << 20

    let file: URL
    private let descriptor: Int32
    private let hasher: SHA256Hasher
    private var buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    private var closed = false
    private(set) var byteCount: Int64 = 0

    /// Creates the staging file `name` in `directory`, readable by this account only.
    init(directory: URL, name: String) throws {
        file = directory.appending(path: name)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        hasher = try SHA256Hasher()
        descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        buffer = .allocate(byteCount: Self.bufferBytes, alignment: 16)
    }

    deinit {
        buffer.deallocate()
        if !closed { close(descriptor) }
    }

    /// Appends `piece` to the file and the digest.
    func write(_ piece: UnsafeRawBufferPointer) throws {
        hasher.update(piece)
        byteCount += Int64(piece.count)
        var rest = piece[...]
        while !rest.isEmpty {
            let count = min(rest.count, Self.bufferBytes - buffered)
            UnsafeMutableRawBufferPointer(rebasing: buffer[buffered..<(buffered + count)])
                .copyMemory(from: UnsafeRawBufferPointer(rebasing: rest.prefix(count)))
            buffered += count
            rest = rest.dropFirst(count)
            if buffered == Self.bufferBytes { try flush() }
        }
    }

    /// Writes what is buffered, closes the file and describes what arrived.
    func finish() throws -> StreamedBody {
        try flush()
        closed = true
        guard close(descriptor) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return StreamedBody(file: file, byteCount: byteCount, sha256: hasher.finalizeHex())
    }

    /// Closes and removes the file, for a body that was cut off or refused.
    func discard() {
        if !closed { close(descriptor) }
        closed = true
        unlink(file.path)
    }

    private func flush() throws {
        var offset = 0
        while offset < buffered {
            let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffered - offset)
            guard written > 0 else {
                if written < 0 && errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
        buffered = 0
    }
}
