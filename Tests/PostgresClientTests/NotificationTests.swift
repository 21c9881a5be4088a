import PostgresClient
import Testing

@Suite("LISTEN receives NOTIFY from other sessions")
struct NotificationTests {
    @Test("a notification sent from another connection arrives with its exact payload")
    func notifyArrivesWithPayload() async throws {
        let pool = try await TestPools.make()
        let payload = "job 42 'done' \\ 🧪 \"quoted\""

        let notifications = try await pool.listen("haven_jobs")
        try await pool.notify("haven_jobs", payload: payload)

        var received: PostgresNotification?
        for try await notification in notifications {
            received = notification
            break
        }

        #expect(received == PostgresNotification(channel: "haven_jobs", payload: payload))
        await pool.close()
    }

    @Test("ending the iteration unlistens: the server then has no listening session on the channel")
    func endingIterationUnlistens() async throws {
        let pool = try await TestPools.make()
        let notifications = try await pool.listen("haven_stop")
        let before = try await listeningSessions(pool)

        try await pool.notify("haven_stop", payload: "one")
        for try await _ in notifications { break }
        var after = try await listeningSessions(pool)
        // The listener stops within one poll interval; give it a generous number of them.
        for _ in 0..<50 where after != 0 {
            try await Task.sleep(for: .milliseconds(100))
            after = try await listeningSessions(pool)
        }

        #expect(before == 1)
        #expect(after == 0)
        await pool.close()
    }

    @Test("channel names other than letters, digits and underscores are refused", arguments: ["", "a-b", "x\"; --"])
    func badChannelRefused(_ channel: String) async throws {
        let pool = try await TestPools.make()

        let error = try await #require(throws: PostgresError.self) { try await pool.listen(channel) }

        #expect(error.code == .invalidArgument)
        await pool.close()
    }

    /// Sessions on this database that are waiting on a LISTEN, as the server reports them.
    private func listeningSessions(_ pool: PostgresPool) async throws -> Int {
        let rows = try await pool.query(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")
        return try rows[0].decode("n")
    }
}
