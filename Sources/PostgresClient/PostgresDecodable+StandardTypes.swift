import Foundation

extension String: PostgresDecodable {
    // Any column reads as its text form, which is how numeric, json and jsonb are meant to be read exactly.
    public init(postgresCell cell: PostgresCell) throws {
        self = try cell.text()
    }
}

extension Int: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = Int(try cell.text()) else { throw cell.mismatch(Int.self) }
        self = value
    }
}

extension Int64: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = Int64(try cell.text()) else { throw cell.mismatch(Int64.self) }
        self = value
    }
}

extension Int32: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = Int32(try cell.text()) else { throw cell.mismatch(Int32.self) }
        self = value
    }
}

extension Double: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        switch try cell.text() {
        case "NaN": self = .nan
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        case let text:
            guard let value = Double(text) else { throw cell.mismatch(Double.self) }
            self = value
        }
    }
}

extension Bool: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        switch try cell.text() {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw cell.mismatch(Bool.self)
        }
    }
}

extension Data: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let bytes = PostgresHex.decodeBytea(try cell.text()) else { throw cell.mismatch(Data.self) }
        self = Data(bytes)
    }
}

extension UUID: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = UUID(uuidString: try cell.text()) else { throw cell.mismatch(UUID.self) }
        self = value
    }
}

extension Date: PostgresDecodable {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = PostgresTimestamp.parse(try cell.text()) else { throw cell.mismatch(Date.self) }
        self = value
    }
}

extension Array: PostgresDecodable where Element == String {
    public init(postgresCell cell: PostgresCell) throws {
        guard let value = PostgresArrayLiteral.decode(try cell.text()) else { throw cell.mismatch([String].self) }
        self = value
    }
}
