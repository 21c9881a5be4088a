import Foundation
import Synchronization

/// A one-line transfer progress report (bytes, rate, time left), redrawn in place on standard error, shown only
/// when both standard output and standard error are terminals; piped output gets none.
final class ProgressLine: Sendable {
    private let verb: String
    private let started = ContinuousClock.now
    private let lastDrawn = Mutex<ContinuousClock.Instant?>(nil)
    private let enabled: Bool

    init(verb: String, enabled: Bool = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1) {
        self.verb = verb
        self.enabled = enabled
    }

    /// Redraws the line at most five times a second.
    func update(done: Int64, total: Int64?) {
        guard enabled else { return }
        let now = ContinuousClock.now
        let due = lastDrawn.withLock { last in
            guard last.map({ now - $0 >= .milliseconds(200) }) ?? true else { return false }
            last = now
            return true
        }
        guard due else { return }
        let text = Self.format(verb: verb, done: done, total: total, elapsed: Self.seconds(now - started))
        FileHandle.standardError.write(Data(("\r" + text + "\u{1B}[K").utf8))
    }

    /// Ends the line so that the next output starts on a fresh one.
    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    /// `verb 512.0 MiB of 2.0 GiB (25%), 100.0 MiB/s, 0:15 left`; rate and time left once a second has passed.
    static func format(verb: String, done: Int64, total: Int64?, elapsed: Double) -> String {
        var text = "\(verb) \(bytes(done))"
        if let total, total > 0 { text += " of \(bytes(total)) (\(done * 100 / total)%)" }
        guard elapsed >= 1, done > 0 else { return text }
        let rate = Double(done) / elapsed
        text += ", \(bytes(Int64(rate)))/s"
        if let total, total > done {
            let left = Int((Double(total - done) / rate).rounded(.up))
            text += String(format: ", %d:%02d left", left / 60, left % 60)
        }
        return text
    }

    /// Bytes in B, KiB, MiB or GiB with one decimal.
    static func bytes(_ count: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(count) B" : String(format: "%.1f", value) + " " + units[unit]
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
