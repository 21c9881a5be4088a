import Foundation
import HTTPClient
import HTTPServer
import Synchronization
import Testing

@Suite("HTTP server streamed response bodies")
struct StreamedResponseTests {
    /// Piece `index` of the test body: `size` bytes, each `(index * 7 + offset) % 251`, so that a piece lost,
    /// repeated or moved changes the body.
    /// Byte `k` is `k % 251`; piece `index` is the window starting at `(index * 7) % 251`, which holds the same
    /// bytes as the formula above without computing each one again.
    static let pattern = Data((0..<(65_536 + 251)).map { UInt8($0 % 251) })

    static func piece(_ index: Int, size: Int) -> Data {
        let start = (index * 7) % 251
        return pattern.subdata(in: start..<(start + size))
    }

    /// `GET path` with a generous timeout: with the whole suite running, a handler and then its producer each
    /// wait their turn on Swift's small thread pool, which on a busy machine can take longer than the default.
    static func get(_ server: TestServer, _ path: String) async throws -> HTTPClientResponse {
        try await server.client.send(HTTPClientRequest(method: "GET", url: server.url(path), timeout: .seconds(180)))
    }

    @Test func streamedBodyArrivesWholeInOrderAndChunked() async throws {
        let pieces = 100
        let size = 10_000
        let server = try TestServer(extra: { router in
            router.add("GET", "/stream") { _ in
                HTTPResponse(
                    status: 200, headers: ["Content-Type": "application/octet-stream"],
                    stream: HTTPBodyStream(highWater: 65_536) { writer in
                        for index in 0..<pieces { try await writer.write(Self.piece(index, size: size)) }
                    })
            }
        })
        let response = try await Self.get(server, "/stream")

        // 100 pieces of 10,000 bytes: 1,000,000 bytes, far over the 64 KiB the server may hold unsent.
        var expected = Data()
        for index in 0..<pieces { expected.append(Self.piece(index, size: size)) }
        #expect(response.status == 200)
        #expect(response.body.count == 1_000_000)
        #expect(response.body == expected)
        #expect(response.headers["transfer-encoding"]?.lowercased() == "chunked")
        #expect(response.headers["content-length"] == nil)
        #expect(response.headers["x-request-id"] != nil)
        try await server.expectStillServing()
    }

    @Test func emptyStreamSendsAnEmptyBody() async throws {
        let server = try TestServer(extra: { router in
            router.add("GET", "/empty") { _ in HTTPResponse(status: 200, stream: HTTPBodyStream { _ in }) }
        })
        let response = try await Self.get(server, "/empty")
        #expect(response.status == 200)
        #expect(response.body.isEmpty)
    }

    @Test func producerFailureCutsTheBodyShortAndTheServerGoesOn() async throws {
        let log = CapturedLog()
        let server = try TestServer(
            logger: log.logger,
            extra: { router in
                router.add("GET", "/broken") { _ in
                    HTTPResponse(
                        status: 200,
                        stream: HTTPBodyStream { writer in
                            try await writer.write(Data("first part".utf8))
                            throw TestServer.Failure()
                        })
                }
            })

        // The status went out before the failure, so the client can only see a body without its last chunk.
        await #expect(throws: HTTPClientError.self) { try await Self.get(server, "/broken") }
        #expect(log.all.contains { $0.contains("streamed response body failed") })
        try await server.expectStillServing()
    }

    @Test func clientLeavingStopsTheProducer() async throws {
        let (stopped, stoppedContinuation) = AsyncStream<String>.makeStream()
        let server = try TestServer(extra: { router in
            router.add("GET", "/endless") { _ in
                HTTPResponse(
                    status: 200,
                    stream: HTTPBodyStream(highWater: 65_536) { writer in
                        do {
                            while true { try await writer.write(Self.piece(0, size: 65_536)) }
                        } catch {
                            stoppedContinuation.yield(String(describing: type(of: error)))
                            throw error
                        }
                    })
            }
        })

        let received = try await RawHTTP.readSomeAndClose(port: server.server.port, path: "/endless", bytes: 200_000)
        #expect(received >= 200_000)
        var iterator = stopped.makeAsyncIterator()
        #expect(await iterator.next() == "HTTPBodyWriterError")
        try await server.expectStillServing()
    }

    @Test func tinyHighWaterStillDeliversEveryPiece() async throws {
        // Room for 4 unsent bytes: every 4-byte write waits until the server has taken bytes.
        let server = try TestServer(extra: { router in
            router.add("GET", "/tight") { _ in
                HTTPResponse(
                    status: 200,
                    stream: HTTPBodyStream(highWater: 4) { writer in
                        for index in 0..<10 { try await writer.write(Data(String(format: "%04d", index).utf8)) }
                    })
            }
        })
        let response = try await Self.get(server, "/tight")
        #expect(String(decoding: response.body, as: UTF8.self) == "0000000100020003000400050006000700080009")
    }
}
