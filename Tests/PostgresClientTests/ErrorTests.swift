import PostgresClient
import Testing

@Suite("Failed statements report SQLSTATE without leaking values, and leave the pool usable")
struct ErrorTests {
    @Test("a syntax error carries SQLSTATE 42601 and the failing SQL")
    func syntaxErrorHasSQLState() async throws {
        let pool = try await TestPools.make(maximumConnections: 2)

        let error = try await #require(throws: PostgresError.self) {
            try await pool.query("SELEC $1", ["secret-syntax-value"])
        }

        #expect(error.code == .server)
        #expect(error.sqlState == "42601")
        #expect(error.query == "SELEC $1")
        #expect(!error.description.contains("secret-syntax-value"))
        await pool.close()
    }

    @Test("a unique violation carries SQLSTATE 23505 and its description omits the duplicated value")
    func uniqueViolationHidesValue() async throws {
        let pool = try await TestPools.make(maximumConnections: 2)
        try await pool.execute("CREATE TABLE users (email text UNIQUE)")
        try await pool.execute("INSERT INTO users (email) VALUES ($1)", ["alice@secret.example"])

        let error = try await #require(throws: PostgresError.self) {
            try await pool.execute("INSERT INTO users (email) VALUES ($1)", ["alice@secret.example"])
        }

        #expect(error.sqlState == "23505")
        #expect(error.message.contains("users_email_key"))
        #expect(!error.description.contains("alice@secret.example"))
        #expect(error.detail == nil)
        await pool.close()
    }

    @Test("a value the server quotes back in its message is masked in the description")
    func quotedValueIsMasked() async throws {
        let pool = try await TestPools.make(maximumConnections: 1)

        // The server's message would be: invalid input syntax for type integer: "not-a-number-4711".
        let error = try await #require(throws: PostgresError.self) {
            try await pool.query("SELECT $1::int4", ["not-a-number-4711"])
        }

        #expect(error.sqlState == "22P02")
        #expect(!error.description.contains("not-a-number-4711"))
        #expect(error.message.contains("\"***\""))
        await pool.close()
    }

    @Test("a text parameter with a NUL byte is refused before it could be cut short")
    func nulInTextIsRefused() async throws {
        let pool = try await TestPools.make(maximumConnections: 1)

        let error = try await #require(throws: PostgresError.self) {
            try await pool.query("SELECT $1::text", ["before\u{0}after"])
        }

        #expect(error.code == .invalidArgument)
        #expect(error.message.contains("$1"))
        await pool.close()
    }

    @Test("after failures, including one inside an open transaction, every connection serves the next query")
    func poolServesAfterFailures() async throws {
        let pool = try await TestPools.make(maximumConnections: 2)
        try await pool.execute("CREATE TABLE t (id int PRIMARY KEY)")
        _ = try? await pool.query("SELEC 1")
        _ = try? await pool.withConnection { connection in
            try await connection.execute("BEGIN")
            try await connection.execute("INSERT INTO t VALUES (1)")
            // Aborts the transaction; the pool must roll it back when the connection comes back.
            try await connection.execute("INSERT INTO t VALUES (1)")
        }

        // Holding both connections at once makes sure each of the two is exercised.
        let (first, second) = try await pool.withConnection { a in
            try await pool.withConnection { b in
                let first = try await a.query("SELECT count(*) AS n FROM t")
                let second = try await b.query("SELECT count(*) AS n FROM t")
                let pids = (await a.backendProcessID, await b.backendProcessID)
                #expect(pids.0 != pids.1)
                return (try first[0].decode("n", as: Int.self), try second[0].decode("n", as: Int.self))
            }
        }

        // The rolled-back insert left nothing behind.
        #expect(first == 0)
        #expect(second == 0)
        await pool.close()
    }
}
