import HavenCore
import Testing

@Suite struct MultipartSplitterTests {
    static let body = Array(
        ("preamble to ignore\r\n--XyZ\r\nContent-Type: application/dicom\r\nContent-Length: 5\r\n\r\nAB\r\nC"
            + "\r\n--XyZ \r\nContent-Type: application/dicom\r\n\r\n--XyZ-not-a-boundary\r\n--XyZ--\r\nepilogue").utf8)

    /// The parts' bodies and headers, whatever the chunk size the body arrives in.
    static func split(_ bytes: [UInt8], chunk: Int) throws -> (bodies: [String], types: [String?], finished: Bool) {
        var splitter = MultipartSplitter(boundary: "XyZ")
        var bodies: [String] = []
        var types: [String?] = []
        var current: [UInt8] = []
        var start = 0
        while start < bytes.count {
            for event in try splitter.feed(Array(bytes[start..<min(start + chunk, bytes.count)])) {
                switch event {
                case .partStart(let headers): types.append(headers["content-type"])
                case .body(let piece): current += piece
                case .partEnd:
                    bodies.append(String(decoding: current, as: UTF8.self))
                    current = []
                }
            }
            start += chunk
        }
        return (bodies, types, splitter.isFinished)
    }

    @Test(arguments: [1, 2, 3, 7, 16, 1000])
    func partsComeOutWholeWhateverTheChunkSize(chunk: Int) throws {
        let (bodies, types, finished) = try Self.split(Self.body, chunk: chunk)
        // By hand: the first body is "AB\r\nC" (a line break inside a part is data); the second holds text that
        // starts like the boundary but is not one; transport padding after a boundary is allowed.
        #expect(bodies == ["AB\r\nC", "--XyZ-not-a-boundary"])
        #expect(types == ["application/dicom", "application/dicom"])
        #expect(finished)
    }

    @Test func bodyCutBeforeTheClosingBoundaryIsTruncated() throws {
        var splitter = MultipartSplitter(boundary: "XyZ")
        _ = try splitter.feed(Array(Self.body.prefix(90)))
        #expect(throws: MultipartSplitter.SplitError.truncated) { try splitter.finish() }
    }
}
