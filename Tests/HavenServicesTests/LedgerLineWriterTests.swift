import Foundation
import HavenCore
import Testing

@testable import HavenServices

/// The line writer against the encoder exports were written with before it: Foundation's `JSONEncoder` with sorted
/// keys (``APIJSON/encoder()``), plus a newline.
@Suite struct LedgerLineWriterTests {
    static func encoded(_ value: some Encodable) throws -> [UInt8] {
        Array(try APIJSON.encoder().encode(value)) + [0x0a]
    }

    static func written(_ event: AuditEvent) -> [UInt8] {
        var writer = LedgerLineWriter()
        writer.append(event)
        return Array(writer.take())
    }

    static func written(_ record: LedgerRecord) -> [UInt8] {
        var writer = LedgerLineWriter()
        writer.append(record)
        return Array(writer.take())
    }

    /// Every ASCII character (controls, quote, backslash, slash, DEL), then text outside ASCII.
    static let awkward: String = {
        var text = String(String.UnicodeScalarView((0..<0x80).compactMap(Unicode.Scalar.init)))
        text += "é ß \u{2028}\u{2029} \u{85} 😀 日本"
        return text
    }()

    static func event(_ text: String?, bytes: Int64?, skewed: Bool?) -> AuditEvent {
        AuditEvent(
            sequence: 9_223_372_036_854_775_807, time: "2026-12-03T10:11:12.123456Z", actor: "user:" + (text ?? ""),
            onBehalfOf: text, jobID: text, projectID: text, action: "data.read", resource: text ?? "r/x.nii.gz",
            outcome: .denied, rule: text, bytes: bytes, requestID: text, clientAddress: text, detail: text,
            sourceTime: text, clockSkewed: skewed, role: text, purpose: text, decision: text, sessionID: text,
            hash: text)
    }

    @Test func entryWithEveryFieldMatchesTheEncoder() throws {
        let event = Self.event(Self.awkward, bytes: -42, skewed: true)
        #expect(Self.written(event) == (try Self.encoded(event)))
    }

    @Test func entryWithoutOptionalFieldsMatchesTheEncoder() throws {
        let event = Self.event(nil, bytes: nil, skewed: nil)
        #expect(Self.written(event) == (try Self.encoded(event)))
        let extremes = [Int64.min, -1, 0, 7, 10, 1_000_000, Int64.max]
        for bytes in extremes {
            let event = Self.event("x", bytes: bytes, skewed: false)
            #expect(Self.written(event) == (try Self.encoded(event)), "bytes \(bytes)")
        }
    }

    @Test func recordsOfEveryKindMatchTheEncoder() throws {
        let records = [
            LedgerRecord(type: .start, sequence: 1, hash: String(repeating: "0", count: 64)),
            LedgerRecord(type: .omitted, sequence: 2, hash: "ab", digest: "cd"),
            LedgerRecord(
                type: .checkpoint, sequence: 1000, hash: "ef", time: "2026-12-03T10:11:12.000001Z", signature: "01",
                publicKey: "02"),
        ]
        for record in records {
            #expect(Self.written(record) == (try Self.encoded(record)), "\(record.type)")
        }
    }

    @Test func randomEntriesMatchTheEncoder() throws {
        // A fixed seed, so a failure can be replayed; the pieces are the characters escaping treats specially.
        var generator = SeededGenerator(seed: 0x6c65_6467)
        let pieces = ["a", "Z", "/", "\\", "\"", "\n", "\r", "\t", "\u{0}", "\u{1f}", "=", "é", "😀", " ", ","]
        for round in 0..<300 {
            func text() -> String? {
                guard Int.random(in: 0..<5, using: &generator) > 0 else { return nil }
                return (0..<Int.random(in: 0..<12, using: &generator)).map { _ in
                    pieces.randomElement(using: &generator)!
                }.joined()
            }
            let event = AuditEvent(
                sequence: Int64(round), time: text() ?? "", actor: text() ?? "", onBehalfOf: text(), jobID: text(),
                projectID: text(), action: text() ?? "", resource: text() ?? "", outcome: .success, rule: text(),
                bytes: Bool.random(using: &generator) ? Int64.random(in: -1000...1000, using: &generator) : nil,
                requestID: text(), clientAddress: text(), detail: text(), sourceTime: text(),
                clockSkewed: Bool.random(using: &generator) ? Bool.random(using: &generator) : nil, role: text(),
                purpose: text(), decision: text(), sessionID: text(), hash: text())
            #expect(Self.written(event) == (try Self.encoded(event)), "round \(round)")
        }
    }

    @Test func takeEmptiesTheBufferForTheNextPage() {
        var writer = LedgerLineWriter()
        writer.append(LedgerRecord(type: .start, sequence: 1, hash: "00"))
        let first = writer.take()
        writer.append(LedgerRecord(type: .start, sequence: 2, hash: "00"))
        #expect(String(decoding: first, as: UTF8.self) == #"{"hash":"00","sequence":1,"type":"start"}"# + "\n")
        #expect(String(decoding: writer.take(), as: UTF8.self) == #"{"hash":"00","sequence":2,"type":"start"}"# + "\n")
    }

    @Test(arguments: ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    func cellsASpreadsheetWouldRunStayExactInJSONLines(hostile: String) throws {
        let event = Self.event(hostile, bytes: nil, skewed: nil)
        let decoded = try JSONDecoder().decode(AuditEvent.self, from: Data(Self.written(event)))
        #expect(decoded == event)
        #expect(decoded.purpose == hostile)
    }
}
