import Foundation
import Synchronization

/// Everything curl's callbacks touch during one transfer: where the body comes from and goes to,
/// the response headers, and the cancellation flag.
///
/// The performing thread owns it; callbacks receive it as an unretained pointer, which is safe
/// because the performing code keeps it alive across `curl_easy_perform`.
final class TransferState {
    /// Where the response body goes.
    enum Destination {
        case memory
        case file(FileHandle)
    }

    /// Where the request body comes from.
    enum Source {
        case data(Data, offset: Int)
        case file(FileHandle)
    }

    var destination: Destination
    var source: Source?
    var body = Data()
    var headers: [String: String] = [:]
    /// The first local file error a callback met; curl only learns that the callback failed.
    var fileError: (any Error)?
    let cancellation: CancellationFlag
    /// Called from curl's progress callback on the transfer thread.
    var progress: (@Sendable (HTTPTransferProgress) -> Void)?

    init(destination: Destination, source: Source?, cancellation: CancellationFlag) {
        self.destination = destination
        self.source = source
        self.cancellation = cancellation
    }

    /// Records one raw header line; a status line starts a new header block (after `100 Continue` or a redirect).
    func receiveHeaderLine(_ line: String) {
        if line.hasPrefix("HTTP/") {
            headers = [:]
            return
        }

        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { return }
        headers[name] = headers[name].map { "\($0), \(value)" } ?? value
    }

    /// Stores response body bytes; false if they could not be written.
    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch destination {
        case .memory:
            body.append(contentsOf: bytes)
            return true
        case .file(let handle):
            do {
                try handle.write(contentsOf: Data(bytes))
                return true
            } catch {
                fileError = fileError ?? error
                return false
            }
        }
    }

    /// Fills `buffer` with the next request body bytes; returns the count (0 at the end) or nil on a read error.
    func sendBody(into buffer: UnsafeMutableRawBufferPointer) -> Int? {
        switch source {
        case nil:
            return 0
        case .data(let data, let offset):
            let count = min(buffer.count, data.count - offset)
            let start = data.startIndex + offset
            data.copyBytes(to: buffer.bindMemory(to: UInt8.self), from: start..<start + count)
            source = .data(data, offset: offset + count)
            return count
        case .file(let handle):
            do {
                let chunk = try handle.read(upToCount: buffer.count) ?? Data()
                return chunk.copyBytes(to: buffer.bindMemory(to: UInt8.self))
            } catch {
                fileError = fileError ?? error
                return nil
            }
        }
    }
}

/// Set from the task's cancellation handler, read by curl's progress callback on the transfer thread.
final class CancellationFlag: Sendable {
    private let cancelled = Atomic<Bool>(false)

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    func cancel() { cancelled.store(true, ordering: .relaxed) }
}
