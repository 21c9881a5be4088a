/// A Swift type that can be made from one value of a result row.
public protocol PostgresDecodable: Sendable {
    /// Makes a value from `cell`; a NULL cell throws unless the type is an Optional.
    init(postgresCell cell: PostgresCell) throws
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        self = cell.bytes == nil ? nil : try Wrapped(postgresCell: cell)
    }
}
