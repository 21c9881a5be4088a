import Foundation
import HavenCore
import HavenCrypto
import HavenTestSupport
import Testing

@testable import HavenServices

@Suite(.timeLimit(.minutes(5))) struct LedgerLineTests {
    static func parse(_ text: String) -> LedgerLine? {
        Array(text.utf8).withUnsafeBufferPointer(LedgerLine.parse)
    }

    /// What Foundation's decoder makes of `line`, in the order the verifier has always tried: record, then entry.
    static func decode(_ line: String) -> LedgerLine? {
        let data = Data(line.utf8)
        if let record = try? JSONDecoder().decode(LedgerRecord.self, from: data) { return .record(record) }
        return (try? JSONDecoder().decode(AuditEvent.self, from: data)).map(LedgerLine.event)
    }

    static func reports(_ lines: [String], key: Ed25519PublicKey?) -> (
        fast: LedgerVerifier.Report, decoded: LedgerVerifier.Report
    ) {
        var fast = LedgerVerifier(publicKey: key, readsWithoutDecoder: true)
        var decoded = LedgerVerifier(publicKey: key, readsWithoutDecoder: false)
        for line in lines {
            fast.check(line: Data(line.utf8))
            decoded.check(line: Data(line.utf8))
        }
        return (fast.result, decoded.result)
    }

    /// `line` with the first hex digit of its signature changed.
    static func flippingSignature(_ line: String) throws -> String {
        let marker = try #require(line.range(of: #""signature":""#))
        let digit = line[marker.upperBound]
        return line.replacingCharacters(
            in: marker.upperBound...marker.upperBound, with: digit == "0" ? "1" : "0")
    }

    @Test func entryLineReadsAsTheEventItWasWrittenFrom() {
        let line =
            #"{"action":"data.read","actor":"user:ana","bytes":42,"clockSkewed":false,"#
            + #""detail":"a\/b \"q\" \u00e9 \ud83d\ude00\n","hash":"ab","outcome":"denied","sequence":7,"#
            + #""time":"2026-01-02T03:04:05.000006Z"}"#
        // Written out by hand: the escapes \/, \", \u00e9, the pair \ud83d\ude00 (U+1F600) and \n.
        let expected = AuditEvent(
            sequence: 7, time: "2026-01-02T03:04:05.000006Z", actor: "user:ana", onBehalfOf: nil, jobID: nil,
            projectID: nil, action: "data.read", resource: "", outcome: .denied, rule: nil, bytes: 42,
            requestID: nil, clientAddress: nil, detail: "a/b \"q\" \u{e9} \u{1F600}\n", clockSkewed: false,
            hash: "ab")
        #expect(Self.parse(line) == nil, "resource is required, so the line goes to the fallback")
        let withResource = line.replacingOccurrences(of: #""sequence":7"#, with: #""resource":"","sequence":7"#)
        #expect(Self.parse(withResource) == .event(expected))
        // The digest straight from the bytes is the one LedgerEncoding gives the hand-built event.
        let input = Array(withResource.utf8).withUnsafeBufferPointer(LedgerLine.chainInput)
        #expect(input?.digest == LedgerChain.digest(expected))
        #expect(input?.sequence == 7)
        #expect(input?.hash == "ab")
    }

    @Test func recordLineReadsAsItsRecord() {
        let line = #"{"hash":"00ff","publicKey":"aa","sequence":1000,"signature":"bb","time":"t","type":"checkpoint"}"#
        let expected = LedgerRecord(
            type: .checkpoint, sequence: 1000, hash: "00ff", time: "t", signature: "bb", publicKey: "aa")
        #expect(Self.parse(line) == .record(expected))
        #expect(Self.parse(" \(line) \r") == .record(expected))
    }

    @Test func linesOutsideTheExportersShapesAreLeftToTheDecoder() {
        let entry = #"{"action":"a","actor":"b","outcome":"success","resource":"r","sequence":1,"time":"t""#
        #expect(Self.parse(entry + "}") != nil)
        let refused = [
            entry + #","rule":null}"#,  // null
            entry + #","bytes":1.5}"#,  // fraction
            entry + #","bytes":1e3}"#,  // exponent
            entry + #","bytes":01}"#,  // leading zero
            entry + #","bytes":-1}"#,  // negative
            entry + #","bytes":1234567890123456789}"#,  // 19 digits
            entry + #","sequence":2}"#,  // repeated member
            entry + #","extra":"x"}"#,  // member no entry has
            entry + #","detail":"\ud83d"}"#,  // lone surrogate
            entry + #","detail":"\q"}"#,  // unknown escape
            entry + "}x",  // trailing text
            entry + #","rule":{"a":1}}"#,  // nesting
            entry.replacingOccurrences(of: "success", with: "maybe") + "}",  // unknown outcome
            #"{"type":"later","sequence":1,"hash":"00"}"#,  // unknown record kind
        ]
        for line in refused { #expect(Self.parse(line) == nil, "\(line)") }
    }

    @Test func fastReaderAgreesWithTheDecoderOnARealExportAndTamperedCopies() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        try await AuditLedgerTests.auditedActions(researcher, count: 6)
        let (lines, key) = try await AuditLedgerTests.export(test, as: auditor)

        // Line by line, the fast reader gives what the decoder gives wherever it reads a line at all.
        for line in lines {
            let parsed = try #require(Self.parse(line), "the exporter's own line \(line) must take the fast path")
            #expect(parsed == Self.decode(line))
            let input = Array(line.utf8).withUnsafeBufferPointer(LedgerLine.chainInput)
            if case .event(let event) = parsed {
                #expect(input?.digest == LedgerChain.digest(event))
                #expect(input?.sequence == event.sequence)
                #expect(input?.hash == event.hash)
            } else {
                #expect(input == nil, "a record line has no entry digest")
            }
        }

        let untouched = Self.reports(lines, key: key)
        #expect(untouched.fast == untouched.decoded)
        #expect(untouched.fast.failure == nil)
        #expect(untouched.fast.checkpoints >= 1)

        let target = try AuditLedgerTests.target(lines)
        let index = try AuditLedgerTests.lineIndex(lines, sequence: target)
        let checkpointIndex = try #require(lines.firstIndex { $0.contains(#""type":"checkpoint""#) })

        var variants: [(name: String, lines: [String], reason: LedgerVerifier.Failure.Reason?)] = []
        var edited = lines
        edited[index] = edited[index].replacingOccurrences(of: "\"denied\"", with: "\"success\"")
        variants.append(("edited", edited, .hashMismatch))
        var deleted = lines
        deleted.remove(at: index)
        variants.append(("deleted", deleted, .sequenceGap))
        var reordered = lines
        reordered.swapAt(index, try AuditLedgerTests.lineIndex(lines, sequence: target + 1))
        variants.append(("reordered", reordered, .sequenceGap))
        var signature = lines
        signature[checkpointIndex] = try Self.flippingSignature(signature[checkpointIndex])
        variants.append(("signature", signature, .badSignature))
        // The same text spelled with an escape: still valid, read by the fast reader.
        var escaped = lines
        escaped[index] = escaped[index].replacingOccurrences(of: "\"denied\"", with: #""\u0064enied""#)
        variants.append(("escaped", escaped, nil))
        // A member the exporter never writes: the decoder ignores it, so the fallback must too.
        var extra = lines
        extra[index] = #"{"note":"x","# + extra[index].dropFirst()
        variants.append(("extra member", extra, nil))
        var garbage = lines
        garbage.insert("not json", at: index)
        variants.append(("garbage", garbage, .unreadable))

        for variant in variants {
            let reports = Self.reports(variant.lines, key: key)
            #expect(reports.fast == reports.decoded, "\(variant.name)")
            #expect(reports.fast.failure?.reason == variant.reason, "\(variant.name)")
        }
    }
}
