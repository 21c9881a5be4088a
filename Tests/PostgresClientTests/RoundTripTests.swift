import Foundation
import PostgresClient
import Testing

@Suite("Values round-trip through the server unchanged")
struct RoundTripTests {
    @Test(
        "text with quotes, backslashes, placeholders, injection attempts and Unicode comes back exactly",
        arguments: [
            "it's",
            "back\\slash \\\\ and \\x00",
            "$1 $2 ?",
            "'; DROP TABLE x; --",
            "emoji 🧠🩻 and flags 🇳🇱",
            "combining e\u{301} and a\u{30A}\u{323}",
            "中文 日本語 한국어",
            "",
        ])
    func textRoundTrips(_ text: String) async throws {
        let pool = try await TestPools.make()
        try await pool.execute("CREATE TABLE x (value text)")
        try await pool.execute("INSERT INTO x (value) VALUES ($1)", [text])

        let rows = try await pool.query("SELECT value, octet_length(value) AS bytes FROM x")

        #expect(rows.count == 1)
        let stored = try rows[0].decode("value", as: String.self)
        // Compare scalars, not Characters: String equality would forgive a changed normalisation.
        #expect(Array(stored.unicodeScalars) == Array(text.unicodeScalars))
        #expect(try rows[0].decode("bytes", as: Int.self) == text.utf8.count)
        await pool.close()
    }

    @Test("bytea with every byte value 0...255 round-trips, NUL included")
    func everyByteRoundTrips() async throws {
        let pool = try await TestPools.make()
        let bytes = Data((0...255).map { UInt8($0) })

        let rows = try await pool.query("SELECT $1::bytea AS value, length($1::bytea) AS length", [bytes])

        #expect(try rows[0].decode("value", as: Data.self) == bytes)
        #expect(try rows[0].decode("length", as: Int.self) == 256)
        await pool.close()
    }

    @Test("integers at their limits, doubles and booleans round-trip")
    func numbersRoundTrip() async throws {
        let pool = try await TestPools.make()
        let rows = try await pool.query(
            "SELECT $1::int8 AS min, $2::int8 AS max, $3::int4 AS small, $4::float8 AS double, $5::bool AS yes, "
                + "$6::bool AS no, $7::float8 AS tiny",
            [Int64.min, Int64.max, Int32(-2_147_483_648), 0.1, true, false, Double.leastNonzeroMagnitude])

        #expect(try rows[0].decode("min", as: Int64.self) == -9_223_372_036_854_775_808)
        #expect(try rows[0].decode("max", as: Int64.self) == 9_223_372_036_854_775_807)
        #expect(try rows[0].decode("small", as: Int32.self) == -2_147_483_648)
        #expect(try rows[0].decode("double", as: Double.self) == 0.1)
        #expect(try rows[0].decode("yes", as: Bool.self) == true)
        #expect(try rows[0].decode("no", as: Bool.self) == false)
        #expect(try rows[0].decode("tiny", as: Double.self) == Double(bitPattern: 1))
        await pool.close()
    }

    @Test("the server computes with the values it received, not with their text")
    func serverSeesNumbersAsNumbers() async throws {
        let pool = try await TestPools.make()

        // 40 + 2 = 42 by hand; the sum is done by the server.
        let rows = try await pool.query("SELECT $1::int8 + $2::int8 AS sum", [40, 2])

        #expect(try rows[0].decode("sum", as: Int.self) == 42)
        await pool.close()
    }

    @Test("a UUID round-trips and the server reads it as the same UUID")
    func uuidRoundTrips() async throws {
        let pool = try await TestPools.make()
        let id = UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF")!

        let rows = try await pool.query("SELECT $1::uuid AS id, $1::uuid::text AS text", [id])

        #expect(try rows[0].decode("id", as: UUID.self) == id)
        #expect(try rows[0].decode("text", as: String.self) == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
        await pool.close()
    }

    @Test("a Date round-trips to the microsecond and the server sees the same instant")
    func dateRoundTrips() async throws {
        let pool = try await TestPools.make()
        // `date -u -d @1764763200` prints Wed Dec 3 12:00:00 UTC 2025.
        let date = Date(timeIntervalSince1970: 1_764_763_200.123_456)

        let rows = try await pool.query("SELECT $1::timestamptz AS at, $1::timestamptz::text AS text", [date])

        let back = try rows[0].decode("at", as: Date.self)
        #expect((back.timeIntervalSince1970 * 1_000_000).rounded() == 1_764_763_200_123_456)
        #expect(try rows[0].decode("text", as: String.self) == "2025-12-03 12:00:00.123456+00")
        await pool.close()
    }

    @Test("NULLs go in through Optionals and come back as nil")
    func nullsRoundTrip() async throws {
        let pool = try await TestPools.make()
        try await pool.execute("CREATE TABLE n (a text, b int8, c bytea, d timestamptz, e uuid)")
        try await pool.execute(
            "INSERT INTO n VALUES ($1, $2, $3, $4, $5)",
            [String?.none, Int?.none, Data?.none, Date?.none, UUID?.none])

        let rows = try await pool.query("SELECT a, b, c, d, e, a IS NULL AS a_is_null FROM n")

        #expect(try rows[0].decode("a", as: String?.self) == nil)
        #expect(try rows[0].decode("b", as: Int?.self) == nil)
        #expect(try rows[0].decode("c", as: Data?.self) == nil)
        #expect(try rows[0].decode("d", as: Date?.self) == nil)
        #expect(try rows[0].decode("e", as: UUID?.self) == nil)
        #expect(try rows[0].decode("a_is_null", as: Bool.self) == true)
        await pool.close()
    }

    @Test("a NULL read as a non-optional type is a decoding error naming the column")
    func nullIntoNonOptionalNamesColumn() async throws {
        let pool = try await TestPools.make()
        let rows = try await pool.query("SELECT NULL::text AS nickname")

        let error = try #require(throws: PostgresError.self) { try rows[0].decode("nickname", as: String.self) }

        #expect(error.code == .decoding)
        #expect(error.message.contains("\"nickname\""))
        await pool.close()
    }

    @Test("a text array with awkward elements round-trips, and the server counts its elements")
    func textArrayRoundTrips() async throws {
        let pool = try await TestPools.make()
        let values = ["plain", "with space", "comma,inside", "quote\"inside", "back\\slash", "{braces}", "", "NULL"]

        let rows = try await pool.query(
            "SELECT $1::text[] AS values, cardinality($1::text[]) AS count, ($1::text[])[4] AS fourth", [values])

        #expect(try rows[0].decode("values", as: [String].self) == values)
        #expect(try rows[0].decode("count", as: Int.self) == 8)
        #expect(try rows[0].decode("fourth", as: String.self) == "quote\"inside")
        await pool.close()
    }

    @Test("numeric reads as Double or exact String, json and jsonb as String")
    func numericAndJSONDecode() async throws {
        let pool = try await TestPools.make()

        let rows = try await pool.query(
            "SELECT 12.50::numeric AS amount, '{\"a\": [1, 2]}'::jsonb AS document, '{\"b\":1}'::json AS raw, "
                + "7::int2 AS small")

        #expect(try rows[0].decode("amount", as: Double.self) == 12.5)
        #expect(try rows[0].decode("amount", as: String.self) == "12.50")
        #expect(try rows[0].decode("document", as: String.self) == "{\"a\": [1, 2]}")
        #expect(try rows[0].decode("raw", as: String.self) == "{\"b\":1}")
        #expect(try rows[0].decode(3, as: Int.self) == 7)
        await pool.close()
    }
}
