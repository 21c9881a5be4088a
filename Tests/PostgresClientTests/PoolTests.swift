import PostgresClient
import Testing

@Suite("The pool bounds connections and makes callers wait, or time out, in turn")
struct PoolTests {
    @Test("a pool of 2 serves 8 concurrent callers who each hold a connection briefly, on at most 2 sessions")
    func twoConnectionsServeEightCallers() async throws {
        let pool = try await TestPools.make(maximumConnections: 2)

        let backends = try await withThrowingTaskGroup(of: Int32.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await pool.withConnection { connection in
                        try await connection.execute("SELECT pg_sleep(0.05)")
                        return await connection.backendProcessID
                    }
                }
            }
            return try await group.reduce(into: [Int32]()) { $0.append($1) }
        }

        #expect(backends.count == 8)
        #expect(Set(backends).count <= 2)
        await pool.close()
    }

    @Test("a pool of 1 held for 2 s gives a waiting caller a pool timeout that says what to raise")
    func heldConnectionTimesOutWaiter() async throws {
        let pool = try await TestPools.make(maximumConnections: 1, acquireTimeout: .milliseconds(200))
        let (held, heldSignal) = AsyncStream.makeStream(of: Void.self)

        let holder = Task {
            try await pool.withConnection { connection in
                heldSignal.yield()
                try await connection.execute("SELECT pg_sleep(2)")
            }
        }
        for await _ in held { break }

        let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }

        #expect(error.code == .poolTimeout)
        #expect(error.message.contains("all 1 of 1 connections were busy"))
        #expect(error.message.contains("maximumConnections"))
        try await holder.value
        await pool.close()
    }

    @Test("a waiting caller whose task is cancelled leaves the line with CancellationError, not a timeout")
    func cancelledWaiterLeaves() async throws {
        // A timeout far beyond the test's length: a poolTimeout here would mean cancellation was ignored.
        let pool = try await TestPools.make(maximumConnections: 1, acquireTimeout: .seconds(60))
        let (held, heldSignal) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await pool.withConnection { _ in
                heldSignal.yield()
                for await _ in release { break }
            }
        }
        for await _ in held { break }

        let waiter = Task { try await pool.query("SELECT 1") }
        waiter.cancel()
        let result = await waiter.result

        #expect(throws: CancellationError.self) { try result.get() }
        releaseSignal.yield()
        try await holder.value
        let rows = try await pool.query("SELECT 2 AS two")
        #expect(try rows[0].decode("two", as: Int.self) == 2)
        await pool.close()
    }

    @Test("a closed pool refuses callers with poolClosed")
    func closedPoolRefuses() async throws {
        let pool = try await TestPools.make(maximumConnections: 1)
        try await pool.execute("SELECT 1")

        await pool.close()

        let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error.code == .poolClosed)
    }

    @Test("a bad connection string fails with connectionFailed, and the failed open frees its place")
    func badConnectionStringFails() async throws {
        let pool = PostgresPool(
            PostgresConfiguration(
                connectionString: "host=/nonexistent-haven-socket user=nobody dbname=none", maximumConnections: 1,
                acquireTimeout: .milliseconds(500)))

        let first = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        let second = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }

        // A second connectionFailed rather than a poolTimeout shows the first attempt gave its slot back.
        #expect(first.code == .connectionFailed)
        #expect(second.code == .connectionFailed)
        await pool.close()
    }
}
