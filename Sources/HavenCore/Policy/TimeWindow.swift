import Foundation

/// Days of the week and a time of day, read on the clock of a named time zone.
public struct TimeWindow: Sendable, Equatable {
    /// Weekdays as Foundation numbers them: 1 is Sunday, 2 Monday, through 7 Saturday.
    public var weekdays: Set<Int>
    /// Minutes after midnight at which the window opens (inclusive) and closes (exclusive).
    public var fromMinute: Int
    public var toMinute: Int
    public var timeZone: TimeZone
    private let calendar: Calendar

    public init(weekdays: Set<Int>, fromMinute: Int, toMinute: Int, timeZone: TimeZone) {
        self.weekdays = weekdays
        self.fromMinute = fromMinute
        self.toMinute = toMinute
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// The weekday names a policy file uses, in Foundation's order from Sunday.
    public static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Whether `time` falls on one of the weekdays, between the opening and closing minute, in the time zone.
    public func contains(_ time: Date) -> Bool {
        let parts = calendar.dateComponents([.weekday, .hour, .minute], from: time)
        guard let weekday = parts.weekday, weekdays.contains(weekday) else { return false }
        let minute = (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
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
