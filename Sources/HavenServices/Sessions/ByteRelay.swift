import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Copies bytes between two streams, in both directions at once, on threads of its own (never the shared pool's).
enum ByteRelay {
    /// One side of a relay: where its bytes come from, where bytes for it go, and how to tell it no more come.
    struct Side: Sendable {
        var read: Int32
        var write: Int32
        var endWriting: @Sendable () -> Void
    }

    /// Relays until both directions have ended; when one direction's source ends, the other side is told that
    /// nothing more will come. `activity` runs after every chunk in either direction.
    static func run(_ first: Side, _ second: Side, activity: @escaping @Sendable () -> Void) {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            pump(from: first.read, to: second.write, activity: activity)
            second.endWriting()
            done.signal()
        }
        thread.start()
        pump(from: second.read, to: first.write, activity: activity)
        first.endWriting()
        done.wait()
    }

    /// Copies from `source` to `target` until `source` ends or `target` stops taking bytes.
    static func pump(from source: Int32, to target: Int32, activity: @Sendable () -> Void = {}) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let count = Glibc.read(source, buffer.baseAddress, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            activity()
            guard writeAll(UnsafeRawBufferPointer(rebasing: buffer[..<count]), to: target) else { return }
        }
    }

    /// Writes every byte of `bytes`; false when the other end has gone.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
