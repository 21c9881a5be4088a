/// Numbers as text for reports, without Foundation's formatters.
enum DecimalText {
    /// `value` rounded to `digits` decimals, e.g. 0.97391 -> "0.974" for 3 digits.
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard scaled < 9e15 else { return "\(value)" }

        let whole = Int(scaled) / Int(scale)
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fraction = String(Int(scaled) % Int(scale))
        return "\(sign)\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// `value` in full precision for JSON and CSV (shortest text that reads back exactly), or
    /// `null` in JSON / an empty field in CSV when undefined.
    static func exact(_ value: Double?, undefined: String) -> String {
        guard let value, value.isFinite else { return undefined }
        return "\(value)"
    }
}
