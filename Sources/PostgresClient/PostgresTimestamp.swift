import Foundation

/// Converts between `Date` and PostgreSQL's timestamps: binary microseconds out, ISO text in.
enum PostgresTimestamp {
    /// Seconds from 1970-01-01 to 2000-01-01 UTC, PostgreSQL's epoch: 10 957 days of 86 400 seconds.
    static let postgresEpochOffset: Double = 946_684_800

    /// Microseconds from PostgreSQL's epoch to `date`, rounded to the nearest one.
    static func microsecondsSincePostgresEpoch(_ date: Date) -> Int64 {
        Int64(((date.timeIntervalSince1970 - postgresEpochOffset) * 1_000_000).rounded())
    }

    /// The eight big-endian bytes of `value`, as PostgreSQL's binary formats expect.
    static func bigEndianBytes(_ value: Int64) -> [UInt8] {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }

    /// Parses ISO output such as `2026-12-03 12:00:00.123456+00` or `+05:30`; a missing offset means UTC.
    static func parse(_ text: String) -> Date? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }

        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }

        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if parts.count == 2 {
            guard let time = secondsOfDay(parts[1]) else { return nil }
            seconds += time
        }
        return Date(timeIntervalSince1970: seconds)
    }

    /// Seconds since midnight UTC for `HH:MM:SS[.ffffff][±HH[:MM[:SS]]]`.
    private static func secondsOfDay(_ text: Substring) -> Double? {
        let signIndex = text.firstIndex { $0 == "+" || $0 == "-" }
        let clock = text[..<(signIndex ?? text.endIndex)]
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, let hours = Int(fields[0]), let minutes = Int(fields[1]),
            let wholeAndFraction = Decimal(string: String(fields[2]))
        else { return nil }

        let seconds = NSDecimalNumber(decimal: wholeAndFraction).doubleValue
        var total = Double(hours * 3_600 + minutes * 60) + seconds
        if let signIndex {
            guard let offset = offsetSeconds(text[text.index(after: signIndex)...]) else { return nil }
            // Local time minus its offset east of UTC gives UTC.
            total -= text[signIndex] == "+" ? offset : -offset
        }
        return total
    }

    private static func offsetSeconds(_ text: Substring) -> Double? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (1...3).contains(fields.count), fields.allSatisfy({ $0 != nil }) else { return nil }
        let weights = [3_600, 60, 1]
        return Double(zip(fields, weights).reduce(0) { $0 + $1.0! * $1.1 })
    }

    /// Days from 1970-01-01 to a proleptic Gregorian date, counted in 400-year eras of 146 097 days.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
