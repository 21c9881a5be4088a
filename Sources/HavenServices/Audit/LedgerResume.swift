import Foundation

/// Where the chainer's next pass looks for unchained entries, as stored with the chain's head.
///
/// Unchained entries can only be in transactions at or after ``watermark`` (any entry sequence), or in
/// transactions at or after the backlog's watermark with an entry sequence above its `after`.
struct LedgerResume: Equatable {
    /// The chain's head as a pass reads it: the last sequence and hash, and the resume point stored with it.
    struct Head {
        var sequence: Int64
        var hash: Data
        var watermark = "0"
        var backlog: (watermark: String, after: Int64)?
    }

    /// The oldest transaction id that could still add an entry the pass did not see.
    var watermark: String
    /// Entries a full batch left behind: those of transactions at or after `watermark` whose entry sequence is
    /// above `after`.
    var backlog: (watermark: String, after: Int64)?

    static func == (left: LedgerResume, right: LedgerResume) -> Bool {
        left.watermark == right.watermark && left.backlog?.watermark == right.backlog?.watermark
            && left.backlog?.after == right.backlog?.after
    }
}

extension LedgerResume {
    /// The resume point after a pass that read `head`, saw the snapshot xmin `snapshotXmin`, and took entries up
    /// to the entry sequence `lastTaken`, a full batch or not.
    ///
    /// A pass that was not full took every unchained entry it could see, so only transactions running at its
    /// snapshot (ids at or after its xmin) can add more. A full one also left visible entries behind, all after
    /// `lastTaken` (it took the lowest) and all in transactions its scan covered: at or after the oldest bound it
    /// scanned from, which is the head's backlog watermark if there was one, else its watermark.
    init(after head: Head, snapshotXmin: String, lastTaken: Int64, full: Bool) {
        watermark = snapshotXmin
        backlog = full ? (head.backlog?.watermark ?? head.watermark, lastTaken) : nil
    }
}
