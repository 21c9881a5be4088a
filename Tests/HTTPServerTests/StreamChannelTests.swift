import Foundation
import Synchronization
import Testing

@testable import HTTPServer

@Suite("Streamed body hand-over")
struct StreamChannelTests {
    /// Reads up to `maximum` bytes on a queue of its own, since a read waits on its thread for bytes.
    static func read(_ channel: StreamChannel, maximum: Int) async -> (Int, Data) {
        await withCheckedContinuation { continuation in
            DispatchQueue(label: "haven.test.stream-reader").async {
                var buffer = [UInt8](repeating: 0, count: maximum)
                let count = buffer.withUnsafeMutableBytes { channel.read(into: $0.baseAddress!, maximum: maximum) }
                continuation.resume(returning: (count, Data(buffer.prefix(max(0, count)))))
            }
        }
    }

    @Test func writeAtTheHighWaterWaitsForARead() async throws {
        let channel = StreamChannel(highWater: 4)
        let events = Mutex<[String]>([])
        let (firstDone, firstDoneContinuation) = AsyncStream<Void>.makeStream()
        let writer = Task {
            try await channel.write(Data("ab".utf8))
            events.withLock { $0.append("wrote ab") }
            firstDoneContinuation.yield()
            try await channel.write(Data("cd".utf8))
            events.withLock { $0.append("wrote cd") }
        }
        var iterator = firstDone.makeAsyncIterator()
        _ = await iterator.next()

        // 2 + 2 bytes reach the high water of 4, so the second write returns only after this read.
        events.withLock { $0.append("read") }
        let (count, bytes) = await Self.read(channel, maximum: 3)
        try await writer.value
        #expect(count == 2)
        #expect(bytes == Data("ab".utf8))
        #expect(events.withLock { $0 } == ["wrote ab", "read", "wrote cd"])
    }

    @Test func readerGetsEveryByteThenTheEnd() async throws {
        let channel = StreamChannel(highWater: 100)
        try await channel.write(Data("hello ".utf8))
        try await channel.write(Data("world".utf8))
        channel.end(.finished)

        // Reads of at most 4 bytes: "hell", "o " (end of the first piece), "worl", "d", then the end (-1).
        var reads: [String] = []
        while true {
            let (count, bytes) = await Self.read(channel, maximum: 4)
            guard count >= 0 else {
                #expect(count == StreamChannel.endOfStream)
                break
            }
            reads.append(String(decoding: bytes, as: UTF8.self))
        }
        #expect(reads == ["hell", "o ", "worl", "d"])
    }

    @Test func closingMakesWritesThrowAndReadsEndWithError() async throws {
        let channel = StreamChannel(highWater: 4)
        let writer = Task { try await channel.write(Data("abcdef".utf8)) }
        let (count, _) = await Self.read(channel, maximum: 1)
        #expect(count == 1)

        // 5 of the 6 bytes are still unsent, over the high water, so the writer is waiting when the channel closes.
        channel.close()
        await #expect(throws: HTTPBodyWriterError.self) { try await writer.value }
        await #expect(throws: HTTPBodyWriterError.self) { try await channel.write(Data("more".utf8)) }
        #expect(await Self.read(channel, maximum: 4).0 == StreamChannel.endWithError)
    }
}
