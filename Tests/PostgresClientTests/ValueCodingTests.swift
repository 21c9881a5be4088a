import Foundation
import Testing

@testable import PostgresClient

@Suite("Text formats are read and written as PostgreSQL defines them")
struct ValueCodingTests {
    @Test("array literals with quoting and escapes decode to their elements")
    func arrayLiteralDecodes() {
        // Literals as PostgreSQL prints them: bare words unquoted, anything special quoted with backslashes.
        #expect(PostgresArrayLiteral.decode("{}") == [])
        #expect(PostgresArrayLiteral.decode("{a,b}") == ["a", "b"])
        #expect(PostgresArrayLiteral.decode(#"{"x y","a,b","q\"q","b\\s",""}"#) == ["x y", "a,b", "q\"q", "b\\s", ""])
        #expect(PostgresArrayLiteral.decode(#"{"NULL"}"#) == ["NULL"])
    }

    @Test(
        "NULL elements, nested arrays and malformed literals are refused",
        arguments: ["{a,NULL}", "{{a}}", "a,b", "{\"a}"])
    func arrayLiteralRefuses(_ literal: String) {
        #expect(PostgresArrayLiteral.decode(literal) == nil)
    }

    @Test("array literals quote every element")
    func arrayLiteralEncodes() {
        #expect(PostgresArrayLiteral.encode([]) == "{}")
        #expect(PostgresArrayLiteral.encode(["a b", "q\"", "\\"]) == #"{"a b","q\"","\\"}"#)
    }

    @Test("ISO timestamps with and without offsets parse to the right instant")
    func timestampsParse() {
        // 2000-01-01 00:00:00 UTC is 946 684 800 s after 1970 (10 957 days of 86 400 s).
        #expect(PostgresTimestamp.parse("2000-01-01 00:00:00+00")?.timeIntervalSince1970 == 946_684_800)
        // 05:30 at +05:30 is midnight UTC.
        #expect(PostgresTimestamp.parse("2000-01-01 05:30:00+05:30")?.timeIntervalSince1970 == 946_684_800)
        // 19:00 the day before at -05 is midnight UTC.
        #expect(PostgresTimestamp.parse("1999-12-31 19:00:00-05")?.timeIntervalSince1970 == 946_684_800)
        // A date alone is its midnight UTC; 1970-01-02 is one day of 86 400 s in.
        #expect(PostgresTimestamp.parse("1970-01-02")?.timeIntervalSince1970 == 86_400)
        #expect(PostgresTimestamp.parse("infinity") == nil)
    }

    @Test("days from the civil calendar match hand-counted dates")
    func daysFromCivil() {
        #expect(PostgresTimestamp.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        // 2000 is a leap year: 10 957 days to its first day, plus 31 (Jan) + 29 (Feb) to March 1.
        #expect(PostgresTimestamp.daysFromCivil(year: 2000, month: 3, day: 1) == 10_957 + 60)
        #expect(PostgresTimestamp.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
    }

    @Test("a Date encodes as big-endian microseconds since 2000-01-01")
    func dateEncodesAsMicroseconds() {
        // One second and two microseconds after PostgreSQL's epoch: 1 000 002 µs.
        let value = Date(timeIntervalSince1970: 946_684_801.000_002).postgresValue

        #expect(value.format == .binary)
        #expect(value.typeOID == 1184)
        // 1 000 002 = 0x0F4242.
        #expect(value.bytes == [0, 0, 0, 0, 0, 0x0F, 0x42, 0x42])
    }

    @Test("bytea hex output decodes, and anything else is refused")
    func byteaHexDecodes() {
        #expect(PostgresHex.decodeBytea("\\x00ff7F") == [0x00, 0xFF, 0x7F])
        #expect(PostgresHex.decodeBytea("\\x") == [])
        #expect(PostgresHex.decodeBytea("00ff") == nil)
        #expect(PostgresHex.decodeBytea("\\x0g") == nil)
    }

    @Test("parameter values quoted in a server message are masked, short bare ones are left alone")
    func maskingHidesValues() {
        let values: [PostgresValue] = [.text("hunter2-secret"), .text("7")]

        let masked = ParameterMasking.mask(
            "invalid input \"hunter2-secret\" near hunter2-secret at line 7", values: values)

        #expect(masked == "invalid input \"***\" near *** at line 7")
    }

    @Test("a NULL cell read as a non-optional names its column; as an Optional it is nil")
    func nullCellDecoding() throws {
        let cell = PostgresCell(column: "age", typeOID: 23, bytes: nil)

        let error = try #require(throws: PostgresError.self) { try Int(postgresCell: cell) }

        #expect(error.message.contains("\"age\""))
        #expect(try Int?(postgresCell: cell) == nil)
    }
}
