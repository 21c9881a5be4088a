import Foundation

extension String: PostgresBindable {
    // Unspecified rather than `text`, so that a string can fill a json, enum or date column as a literal would.
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.unspecified }

    public var postgresValue: PostgresValue { .text(self) }
}

extension Int: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int8 }

    public var postgresValue: PostgresValue { .text(String(self), typeOID: Self.postgresTypeOID) }
}

extension Int64: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int8 }

    public var postgresValue: PostgresValue { .text(String(self), typeOID: Self.postgresTypeOID) }
}

extension Int32: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.int4 }

    public var postgresValue: PostgresValue { .text(String(self), typeOID: Self.postgresTypeOID) }
}

extension Double: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.float8 }

    public var postgresValue: PostgresValue {
        // Swift prints the shortest text that reads back to the same bits; only the special values differ.
        let text: String
        if isNaN {
            text = "NaN"
        } else if isInfinite {
            text = self < 0 ? "-Infinity" : "Infinity"
        } else {
            text = String(self)
        }
        return .text(text, typeOID: Self.postgresTypeOID)
    }
}

extension Bool: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.bool }

    public var postgresValue: PostgresValue { .text(self ? "t" : "f", typeOID: Self.postgresTypeOID) }
}

extension Data: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.bytea }

    // Binary, because bytes may include NUL, which no text parameter can carry.
    public var postgresValue: PostgresValue { .binary(Array(self), typeOID: Self.postgresTypeOID) }
}

extension UUID: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.uuid }

    public var postgresValue: PostgresValue { .text(uuidString.lowercased(), typeOID: Self.postgresTypeOID) }
}

extension Date: PostgresBindable {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.timestamptz }

    // Binary timestamptz is microseconds since 2000-01-01 UTC, which keeps every microsecond without formatting.
    public var postgresValue: PostgresValue {
        let microseconds = PostgresTimestamp.microsecondsSincePostgresEpoch(self)
        return .binary(PostgresTimestamp.bigEndianBytes(microseconds), typeOID: Self.postgresTypeOID)
    }
}

extension Array: PostgresBindable where Element == String {
    public static var postgresTypeOID: UInt32 { PostgresTypeOID.textArray }

    public var postgresValue: PostgresValue {
        .text(PostgresArrayLiteral.encode(self), typeOID: Self.postgresTypeOID)
    }
}
