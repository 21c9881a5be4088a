import Foundation
import HavenCore
import HavenServices

// Measures the audit ledger on a database the benchmark script provides.
//
//     haven-ledger-bench appends DATABASE_URL MIGRATIONS KEY_FILE SECONDS
//         chained appends per second (the audited-action insert, chainer running) and plain inserts of the
//         same rows into an unchained copy of the table, with 1, 8 and 32 writers; one TSV line per run
//     haven-ledger-bench fill DATABASE_URL MIGRATIONS KEY_FILE COUNT
//         adds entries in bulk until the ledger holds COUNT, and chains them (in the project whose id
//         HAVEN_BENCH_PROJECT_ID holds, if set)
//     haven-ledger-bench verify DATABASE_URL MIGRATIONS KEY_FILE
//         verifies the whole ledger and prints entries, checkpoints and seconds
//     haven-ledger-bench export DATABASE_URL MIGRATIONS KEY_FILE OUTPUT
//         exports the whole ledger as JSON lines into OUTPUT (peak memory is measured from outside)

let arguments = CommandLine.arguments
guard arguments.count >= 5, ["appends", "fill", "verify", "export"].contains(arguments[1]) else {
    FileHandle.standardError.write(
        Data("usage: haven-ledger-bench appends|fill|verify|export DATABASE_URL MIGRATIONS KEY_FILE [ARG]\n".utf8))
    exit(64)
}
let mode = arguments[1]
let writerCounts = [1, 8, 32]
let plainTable = "ledger_bench_plain"

/// Appends from `writers` concurrent tasks until `duration` has passed; returns how many appends committed.
func appendLoad(_ ledger: AuditLedger, writers: Int, duration: Duration, into table: String?) async throws -> Int {
    let deadline = ContinuousClock.now + duration
    return try await withThrowingTaskGroup(of: Int.self) { group in
        for writer in 0..<writers {
            group.addTask {
                let userID = UUID().uuidString.lowercased()
                var count = 0
                while ContinuousClock.now < deadline {
                    try await ledger.append(
                        actor: "user:bench-\(writer)", userID: userID, action: .dataRead,
                        resource: "images:case-\(count).nii.gz", outcome: .success, requestID: "bench-\(count)",
                        into: table)
                    count += 1
                }
                return count
            }
        }
        return try await group.reduce(0, +)
    }
}

/// One timed run per writer count and table; the chainer runs during the chained ones, as in a server.
func measureAppends(_ ledger: AuditLedger, seconds: Int) async throws {
    try await ledger.execute(
        "CREATE TABLE IF NOT EXISTS \(plainTable) (LIKE audit_events INCLUDING DEFAULTS INCLUDING INDEXES)")
    print("writers\tchained_per_second\tplain_per_second\tratio")
    for writers in writerCounts {
        let chainer = Task { await ledger.runChainer() }
        let chained = try await appendLoad(ledger, writers: writers, duration: .seconds(seconds), into: nil)
        chainer.cancel()
        await chainer.value
        try await ledger.catchUp()

        let plain = try await appendLoad(ledger, writers: writers, duration: .seconds(seconds), into: plainTable)
        let chainedRate = Double(chained) / Double(seconds)
        let plainRate = Double(plain) / Double(seconds)
        print(
            "\(writers)\t\(Int(chainedRate))\t\(Int(plainRate))\t"
                + String(format: "%.2f", chainedRate / plainRate))
    }
}

/// Adds entries with one statement per 100,000 rows (the same columns an action writes), then chains them; with
/// `HAVEN_BENCH_PROJECT_ID` set, the entries belong to that project, so that its export shows them in full.
func fill(_ ledger: AuditLedger, to count: Int) async throws {
    let batch = 100_000
    let project = ProcessInfo.processInfo.environment["HAVEN_BENCH_PROJECT_ID"].flatMap(UUID.init(uuidString:))
    let projectValue = project.map { "'\($0.uuidString.lowercased())'::uuid" } ?? "NULL"
    var entries = try await ledger.verify().entries
    while entries < count {
        let rows = min(batch, count - entries)
        try await ledger.execute(
            """
            INSERT INTO audit_events (actor, action, resource, outcome, request_id, client_address, decision,
                                      project_id)
            SELECT 'user:bench', 'data.read', 'images:case-' || n || '.nii.gz', 'success', 'bench-' || n,
                   '127.0.0.1', 'allow', \(projectValue)
            FROM generate_series(1, \(rows)) AS n
            """)
        try await ledger.catchUp()
        entries += rows
    }
    print("entries\t\(entries)")
}

do {
    let ledger = try await AuditLedger.open(
        databaseURL: arguments[2], migrations: URL(filePath: arguments[3]), keyFile: URL(filePath: arguments[4]),
        connections: writerCounts.max()! + 2)
    switch mode {
    case "appends":
        try await measureAppends(ledger, seconds: Int(arguments.count > 5 ? arguments[5] : "") ?? 10)
    case "fill":
        try await fill(ledger, to: Int(arguments.count > 5 ? arguments[5] : "") ?? 1_000_000)
    case "verify":
        let started = ContinuousClock.now
        let report = try await ledger.verify()
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print(
            "entries\t\(report.entries)\tcheckpoints\t\(report.checkpoints)\tseconds\t"
                + String(format: "%.2f", seconds))
        if let failure = report.failure { print("failure\t\(failure)") }
    default:
        guard arguments.count > 5, FileManager.default.createFile(atPath: arguments[5], contents: nil),
            let output = FileHandle(forWritingAtPath: arguments[5])
        else {
            FileHandle.standardError.write(Data("export needs a writable OUTPUT file\n".utf8))
            exit(65)
        }
        let count = try await ledger.export { chunk in try output.write(contentsOf: chunk) }
        try output.close()
        print("exported\t\(count)")
    }
    await ledger.close()
} catch {
    FileHandle.standardError.write(Data("haven-ledger-bench: \(error)\n".utf8))
    exit(1)
}
