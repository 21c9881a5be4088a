/// One row of a query result, copied out of libpq so that it outlives the result and crosses tasks.
public struct PostgresRow: Sendable {
    let columns: PostgresColumns
    let values: [[UInt8]?]

    /// The result's column names, in order.
    public var columnNames: [String] { columns.names }

    /// The value of the column named `column` as `T`; an Optional `T` reads NULL as nil.
    ///
    /// - Throws: ``PostgresError/Code/decoding`` if there is no such column, the value is NULL and `T` is not
    ///   Optional, or the text is not a valid `T`.
    public func decode<T: PostgresDecodable>(
        _ column: String, as type: T.Type = T.self, file: String = #fileID, line: Int = #line
    ) throws -> T {
        guard let index = columns.indexByName[column] else {
            throw PostgresError(
                .decoding,
                "the result has no column \"\(column)\"; its columns are \(columns.names.joined(separator: ", "))",
                file: file, line: line)
        }
        return try decode(index, as: type, file: file, line: line)
    }

    /// The value of the column at zero-based `index` as `T`; an Optional `T` reads NULL as nil.
    public func decode<T: PostgresDecodable>(
        _ index: Int, as type: T.Type = T.self, file: String = #fileID, line: Int = #line
    ) throws -> T {
        guard values.indices.contains(index) else {
            throw PostgresError(
                .decoding, "column index \(index) is out of range; the result has \(values.count) columns",
                file: file, line: line)
        }
        let cell = PostgresCell(column: columns.names[index], typeOID: columns.typeOIDs[index], bytes: values[index])
        return try T(postgresCell: cell)
    }
}

/// The column names and types shared by every row of one result.
final class PostgresColumns: Sendable {
    let names: [String]
    let typeOIDs: [UInt32]
    let indexByName: [String: Int]

    init(names: [String], typeOIDs: [UInt32]) {
        self.names = names
        self.typeOIDs = typeOIDs
        // The first of several same-named columns wins, as in SQL's own name resolution of a select list.
        self.indexByName = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
