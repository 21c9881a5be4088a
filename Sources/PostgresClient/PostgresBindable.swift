/// A Swift value that can be sent to PostgreSQL as a statement parameter (`$1`, `$2`, ...).
///
/// Values always travel separately from the SQL text; the client never splices them into a statement.
public protocol PostgresBindable: Sendable {
    /// The type OID a NULL of this type is sent with, so the server can still infer parameter types.
    static var postgresTypeOID: UInt32 { get }

    /// The value as the server receives it.
    var postgresValue: PostgresValue { get }
}

extension Optional: PostgresBindable where Wrapped: PostgresBindable {
    public static var postgresTypeOID: UInt32 { Wrapped.postgresTypeOID }

    public var postgresValue: PostgresValue {
        self?.postgresValue ?? .null(typeOID: Wrapped.postgresTypeOID)
    }
}

extension PostgresBindable where Self: RawRepresentable, RawValue: PostgresBindable {
    public static var postgresTypeOID: UInt32 { RawValue.postgresTypeOID }

    public var postgresValue: PostgresValue { rawValue.postgresValue }
}
