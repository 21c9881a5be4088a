/// DICOM dates (`YYYYMMDD`) moved by whole days, on the proleptic Gregorian calendar.
public enum DICOMDate {
    /// `date` moved by `days` (negative moves back); nil when `date` is not a `YYYYMMDD` date.
    public static func shift(_ date: String, byDays days: Int) -> String? {
        let digits = Array(date.utf8)
        guard digits.count >= 8, digits.prefix(8).allSatisfy({ (48...57).contains($0) }),
            let year = Int(String(date.prefix(4))), let month = Int(String(date.dropFirst(4).prefix(2))),
            let day = Int(String(date.dropFirst(6).prefix(2))), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let (newYear, newMonth, newDay) = civil(fromDays: daysFromCivil(year, month, day) + days)
        return pad(newYear, 4) + pad(newMonth, 2) + pad(newDay, 2) + String(date.dropFirst(8))
    }

    /// Days since 1970-01-01 (after H. Hinnant's civil calendar algorithms).
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
