/// One parameter as PostgreSQL receives it: a type OID, a wire format and its bytes, or NULL.
public struct PostgresValue: Sendable, Equatable {
    /// How the bytes are to be read by the server.
    public enum Format: Sendable, Equatable {
        /// The type's text input syntax, which can never hold a NUL byte.
        case text
        /// The type's binary send format.
        case binary
    }

    /// The parameter's type OID; 0 lets the server infer it from the statement.
    public var typeOID: UInt32
    /// How the bytes are to be read.
    public var format: Format
    /// The encoded value, or nil for NULL.
    public var bytes: [UInt8]?

    /// Makes a value from explicit parts.
    public init(typeOID: UInt32, format: Format, bytes: [UInt8]?) {
        self.typeOID = typeOID
        self.format = format
        self.bytes = bytes
    }

    /// A value in the type's text input syntax.
    public static func text(_ text: String, typeOID: UInt32 = 0) -> PostgresValue {
        PostgresValue(typeOID: typeOID, format: .text, bytes: Array(text.utf8))
    }

    /// A value in the type's binary format.
    public static func binary(_ bytes: [UInt8], typeOID: UInt32) -> PostgresValue {
        PostgresValue(typeOID: typeOID, format: .binary, bytes: bytes)
    }

    /// SQL NULL, typed so that the server can still infer the statement's parameter types.
    public static func null(typeOID: UInt32 = 0) -> PostgresValue {
        PostgresValue(typeOID: typeOID, format: .text, bytes: nil)
    }
}
