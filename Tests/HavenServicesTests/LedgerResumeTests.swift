import Foundation
import Testing

@testable import HavenServices

@Suite struct LedgerResumeTests {
    static func head(watermark: String, backlog: (String, Int64)? = nil) -> LedgerResume.Head {
        var head = LedgerResume.Head(sequence: 10, hash: Data(count: 32))
        head.watermark = watermark
        head.backlog = backlog
        return head
    }

    @Test func passThatTookEverythingResumesAtItsXminWithoutBacklog() {
        let resume = LedgerResume(after: Self.head(watermark: "100"), snapshotXmin: "120", lastTaken: 55, full: false)
        #expect(resume == LedgerResume(watermark: "120", backlog: nil))
    }

    @Test func fullPassKeepsTheOldWatermarkOnlyForEntriesAfterItsLast() {
        // The scan covered transactions from 100 on; what it left is there, after entry 55.
        let resume = LedgerResume(after: Self.head(watermark: "100"), snapshotXmin: "120", lastTaken: 55, full: true)
        #expect(resume == LedgerResume(watermark: "120", backlog: ("100", 55)))
    }

    @Test func fullPassAfterAFullPassKeepsTheOldestBoundAndMovesOn() {
        // Scanned from 100 (backlog) and 120 (watermark): the oldest bound stays, the cursor moves to 90.
        let head = Self.head(watermark: "120", backlog: ("100", 55))
        let resume = LedgerResume(after: head, snapshotXmin: "130", lastTaken: 90, full: true)
        #expect(resume == LedgerResume(watermark: "130", backlog: ("100", 90)))
        let drained = LedgerResume(after: head, snapshotXmin: "130", lastTaken: 90, full: false)
        #expect(drained == LedgerResume(watermark: "130", backlog: nil))
    }
}
