/// One value of a result row in PostgreSQL's text output format, with the column it came from.
public struct PostgresCell: Sendable {
    /// The column's name in the result.
    public let column: String
    /// The column's type OID.
    public let typeOID: UInt32
    /// The text-format bytes, or nil for NULL.
    public let bytes: [UInt8]?

    /// Makes a cell; the client makes these from results, tests may make them by hand.
    public init(column: String, typeOID: UInt32, bytes: [UInt8]?) {
        self.column = column
        self.typeOID = typeOID
        self.bytes = bytes
    }

    /// The value as text; throws a decoding error naming the column when it is NULL.
    public func text(file: String = #fileID, line: Int = #line) throws -> String {
        guard let bytes else {
            throw PostgresError(
                .decoding, "column \"\(column)\" is NULL; decode it as an Optional or filter NULLs in SQL",
                file: file, line: line)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An error saying the column's value is not a valid `type`; the value itself is left out.
    public func mismatch(_ type: Any.Type, file: String = #fileID, line: Int = #line) -> PostgresError {
        PostgresError(
            .decoding,
            "column \"\(column)\" (type OID \(typeOID)) does not hold a valid \(type); "
                + "decode it as another type or cast it in SQL",
            file: file, line: line)
    }
}
