import Foundation
import HavenServices

/// Prints results: JSON for scripts (`--output json`), aligned columns for people.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = APIJSON.encoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        Console.line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    static func table(_ header: [String], _ rows: [[String]]) {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        for row in [header] + rows {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            Console.line(cells.joined(separator: "  "))
        }
    }

    /// A table for people or the raw values for scripts, as `arguments` ask.
    static func list<T: Encodable>(
        _ values: [T], _ arguments: Arguments, header: [String], row: (T) -> [String]
    ) throws {
        if arguments.wantsJSON { return try json(values) }
        table(header, values.map(row))
    }
}
