import Foundation

/// Days of the week and a time of day, read on the clock of a named time zone.
public struct TimeWindow: Sendable, Equatable {
    /// Weekdays as Foundation numbers them: 1 is Sunday, 2 Monday, through 7 Saturday.
    public var weekdays: Set<Int>
    /// Minutes after midnight at which the window opens (inclusive) and closes (exclusive).
    public var fromMinute: Int
    public var toMinute: Int
    public var timeZone: TimeZone

    public init(weekdays: Set<Int>, fromMinute: Int, toMinute: Int, timeZone: TimeZone) {
        self.weekdays = weekdays
        self.fromMinute = fromMinute
        self.toMinute = toMinute
        self.timeZone = timeZone
    }

    /// The weekday names a policy file uses, in Foundation's order from Sunday.
    public static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Whether `time` falls on one of the weekdays, between the opening and closing minute, in the time zone.
    ///
    /// Computed from the zone's offset at that instant rather than through `Calendar`, which costs microseconds:
    /// the local day number since 1970-01-01 (a Thursday, weekday 5) gives the weekday, its remainder the minute.
    public func contains(_ time: Date) -> Bool {
        let local = Int((time.timeIntervalSince1970).rounded(.down)) + timeZone.secondsFromGMT(for: time)
        let (day, second) = local.quotientAndRemainder(dividingBy: 86_400)
        let (wholeDay, secondOfDay) = second < 0 ? (day - 1, second + 86_400) : (day, second)
        let weekday = ((wholeDay + 4) % 7 + 7) % 7 + 1
        guard weekdays.contains(weekday) else { return false }
        let minute = secondOfDay / 60
        return minute >= fromMinute && minute < toMinute
    }

    public var description: String {
        let days = weekdays.sorted().map { Self.dayNames[$0 - 1] }.joined(separator: ",")
        return "\(days) \(Self.clock(fromMinute))-\(Self.clock(toMinute)) \(timeZone.identifier)"
    }

    static func clock(_ minute: Int) -> String {
        let hours = minute / 60
        let minutes = minute % 60
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    }

    public static func == (lhs: TimeWindow, rhs: TimeWindow) -> Bool {
        lhs.weekdays == rhs.weekdays && lhs.fromMinute == rhs.fromMinute && lhs.toMinute == rhs.toMinute
            && lhs.timeZone.identifier == rhs.timeZone.identifier
    }
}
