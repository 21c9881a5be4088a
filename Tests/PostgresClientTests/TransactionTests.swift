import PostgresClient
import Testing

@Suite("Transactions commit, roll back on throw, and retry serialization conflicts")
struct TransactionTests {
    struct Abort: Error {}

    @Test("a body that throws leaves nothing behind")
    func throwRollsBack() async throws {
        let pool = try await TestPools.make()
        try await pool.execute("CREATE TABLE t (id int)")

        await #expect(throws: Abort.self) {
            try await pool.transaction { connection in
                try await connection.execute("INSERT INTO t VALUES ($1)", [Int32(1)])
                throw Abort()
            }
        }

        let rows = try await pool.query("SELECT count(*) AS n FROM t")
        #expect(try rows[0].decode("n", as: Int.self) == 0)
        await pool.close()
    }

    @Test("a body that returns commits its writes")
    func returnCommits() async throws {
        let pool = try await TestPools.make()
        try await pool.execute("CREATE TABLE t (id int)")

        let inserted = try await pool.transaction(isolation: .repeatableRead) { connection in
            try await connection.execute("INSERT INTO t VALUES (1), (2), (3)")
        }

        let rows = try await pool.query("SELECT sum(id) AS total FROM t")
        #expect(inserted == 3)
        #expect(try rows[0].decode("total", as: Int.self) == 6)  // 1 + 2 + 3
        await pool.close()
    }

    @Test("two conflicting serializable transactions both commit through retry")
    func serializableConflictRetries() async throws {
        let pool = try await TestPools.make(maximumConnections: 2)
        try await pool.execute("CREATE TABLE ledger (seen int)")
        let attempts = Counter()
        let barrier = Barrier(parties: 2)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await pool.transaction(isolation: .serializable, maxAttempts: 5) { connection in
                        let attempt = await attempts.increment()
                        let rows = try await connection.query("SELECT count(*) AS n FROM ledger")
                        // Both first attempts read before either writes: each reads what the other writes.
                        if attempt <= 2 { await barrier.arrive() }
                        let seen = try rows[0].decode("n", as: Int.self)
                        try await connection.execute("INSERT INTO ledger VALUES ($1)", [seen])
                    }
                }
            }
            try await group.waitForAll()
        }

        let rows = try await pool.query("SELECT count(*) AS n FROM ledger")
        #expect(try rows[0].decode("n", as: Int.self) == 2)
        // Two transactions, at least one of which had to run again.
        #expect(await attempts.value >= 3)
        await pool.close()
    }
}

/// Lets `parties` tasks continue only once all of them have arrived.
actor Barrier {
    private let parties: Int
    private var arrived = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) {
        self.parties = parties
    }

    func arrive() async {
        arrived += 1
        if arrived >= parties {
            waiting.forEach { $0.resume() }
            waiting = []
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }
}

/// Counts attempts across concurrent transaction bodies.
actor Counter {
    private(set) var value = 0

    func increment() -> Int {
        value += 1
        return value
    }
}
