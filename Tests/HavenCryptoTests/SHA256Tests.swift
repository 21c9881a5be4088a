import Foundation
import HavenCrypto
import Testing

@Suite("SHA-256")
struct SHA256Tests {
    // Published vectors: FIPS 180-2 appendix B.1 ("abc") and the well-known digest of the empty string.
    static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let abcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test func emptyInputMatchesPublishedVector() {
        #expect(SHA256.hex(Data()) == Self.emptyDigest)
    }

    @Test func abcMatchesPublishedVector() {
        #expect(SHA256.hex(Data("abc".utf8)) == Self.abcDigest)
    }

    @Test func finalizeIntoABufferWritesTheDigestAndRestarts() throws {
        let hasher = try SHA256Hasher()
        var output = [UInt8](repeating: 0, count: 32)
        for _ in 0..<2 {
            hasher.update(Data("abc".utf8))
            output.withUnsafeMutableBytes { hasher.finalize(into: $0) }
            // Twice the published vector: the second message starts from nothing, as after finalize().
            #expect(Hex.encode(Data(output)) == Self.abcDigest)
        }
    }

    @Test func hasherWithNoInputMatchesEmptyVector() throws {
        let hasher = try SHA256Hasher()
        #expect(hasher.finalizeHex() == Self.emptyDigest)
    }

    @Test func streamedMebibyteInOddChunksEqualsOneShotAndSystemTool() throws {
        // Bytes 0, 7, 14, ... mod 251: a pattern with no period that lines up with 64-byte blocks.
        let data = Data((0..<(1 << 20)).map { UInt8(($0 * 7) % 251) })
        let hasher = try SHA256Hasher()
        var offset = 0
        var chunk = 1
        while offset < data.count {
            let end = min(offset + chunk, data.count)
            hasher.update(data[offset..<end])
            offset = end
            chunk = chunk * 3 % 9973 + 1  // odd-sized, changing chunk lengths
        }

        let streamed = hasher.finalizeHex()
        #expect(streamed == SHA256.hex(data))
        let system = try Self.sha256sum(data)
        #expect(streamed == system)
    }

    @Test func hasherStartsAFreshMessageAfterFinalizing() throws {
        let hasher = try SHA256Hasher()
        hasher.update(Data("something else".utf8))
        _ = hasher.finalizeHex()
        hasher.update(Data("abc".utf8))
        #expect(hasher.finalizeHex() == Self.abcDigest)
    }

    /// The digest as computed by coreutils' `sha256sum`, an implementation independent of OpenSSL.
    static func sha256sum(_ data: Data) throws -> String {
        let input = FileManager.default.temporaryDirectory.appending(path: "haven-sha-\(UUID().uuidString)")
        try data.write(to: input)
        defer { try? FileManager.default.removeItem(at: input) }

        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/sha256sum")
        process.arguments = [input.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(text.prefix(64))
    }
}
