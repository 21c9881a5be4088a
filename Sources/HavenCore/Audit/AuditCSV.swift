/// Writes audit events as CSV (RFC 4180) that a spreadsheet opens without running anything.
///
/// A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be taken as a formula by common
/// spreadsheets; such a cell gets a leading apostrophe. JSON lines stay exact; CSV is for people.
public enum AuditCSV {
    public static let columns = [
        "sequence", "time", "actor", "on_behalf_of", "job_id", "project_id", "action", "resource", "outcome", "rule",
        "bytes", "request_id", "client_address", "detail", "source_time", "clock_skewed", "role", "purpose",
        "decision", "session_id", "hash",
    ]

    /// The header line, ending in CRLF.
    public static var header: String { columns.joined(separator: ",") + "\r\n" }

    /// One event as a CSV record ending in CRLF.
    public static func record(_ event: AuditEvent) -> String {
        let cells: [String?] = [
            String(event.sequence), event.time, event.actor, event.onBehalfOf, event.jobID, event.projectID,
            event.action, event.resource, event.outcome.rawValue, event.rule, event.bytes.map(String.init),
            event.requestID, event.clientAddress, event.detail, event.sourceTime, event.clockSkewed.map { String($0) },
            event.role, event.purpose, event.decision, event.sessionID, event.hash,
        ]
        return cells.map { cell($0 ?? "") }.joined(separator: ",") + "\r\n"
    }

    /// One cell, neutralised against formulas and quoted when it holds a comma, quote or line break.
    public static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
