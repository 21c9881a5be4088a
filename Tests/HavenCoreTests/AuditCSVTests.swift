import Foundation
import Testing

@testable import HavenCore

@Suite struct AuditCSVTests {
    @Test(arguments: [
        ("=SUM(A1)", "'=SUM(A1)"), ("+1", "'+1"), ("-2", "'-2"), ("@x", "'@x"), ("\tx", "'\tx"),
        ("\rx", "\"'\rx\""), ("plain", "plain"),
    ])
    func formulaCellsAreNeutralised(input: String, expected: String) {
        #expect(AuditCSV.cell(input) == expected)
    }

    @Test func quotesCommasAndLineBreaksAreQuoted() {
        #expect(AuditCSV.cell("a,b") == "\"a,b\"")
        #expect(AuditCSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(AuditCSV.cell("two\nlines") == "\"two\nlines\"")
    }

    @Test func recordHasOneCellPerColumn() {
        let event = AuditEvent(
            sequence: 7, time: "2026-12-03T12:00:00.000000Z", actor: "job:j1", onBehalfOf: "u1", jobID: "j1",
            projectID: "p1", action: "data.read", resource: "images/ct.nii.gz", outcome: .success, rule: "job.inputs",
            bytes: 42, requestID: "r1", clientAddress: "127.0.0.1", detail: nil)
        let record = AuditCSV.record(event)
        #expect(
            record == "7,2026-12-03T12:00:00.000000Z,job:j1,u1,j1,p1,data.read,images/ct.nii.gz,success,"
                + "job.inputs,42,r1,127.0.0.1,,,,,,,,\r\n")
        #expect(AuditCSV.header.split(separator: ",").count == AuditCSV.columns.count)
    }
}

@Suite struct AuditLedgerCellTests {
    @Test(arguments: ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    func formulaCellsAreNeutralisedInCSVAndExactInJSON(hostile: String) throws {
        let event = AuditEvent(
            sequence: 1, time: "2026-12-03T12:00:00.000000Z", actor: hostile, onBehalfOf: nil, jobID: nil,
            projectID: nil, action: "data.read", resource: hostile, outcome: .denied, rule: nil, bytes: nil,
            requestID: nil, clientAddress: nil, detail: hostile, purpose: hostile)

        // Hand-written: the apostrophe goes first; a cell holding CR is also quoted.
        let neutral = hostile.hasPrefix("\r") ? "\"'" + hostile + "\"" : "'" + hostile
        let cells = AuditCSV.record(event)
        #expect(cells.hasPrefix("1,2026-12-03T12:00:00.000000Z," + neutral + ","))
        #expect(cells.components(separatedBy: neutral).count - 1 == 4)

        let decoded = try JSONDecoder().decode(AuditEvent.self, from: try JSONEncoder().encode(event))
        #expect(decoded == event)
        #expect(decoded.resource == hostile)
    }
}
