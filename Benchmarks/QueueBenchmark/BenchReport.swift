import Foundation
import HavenServices

/// The benchmark's results, read back from the database that recorded every placement.
enum BenchReport {
    static func print(_ load: PlacementLoad, options: Options, submitted: Int) async throws {
        let window = Double(min(60, max(options.seconds / 5, 1)))
        let rows = try await load.query(
            """
            WITH a AS (SELECT enqueued_at, placed_at FROM job_attempts WHERE pool_id = $1::uuid),
                 b AS (SELECT min(enqueued_at) AS t0, min(enqueued_at) + make_interval(secs => $2) AS t1 FROM a)
            SELECT count(*) AS placed,
                   (SELECT count(*) FROM (SELECT job_id FROM job_attempts GROUP BY job_id HAVING count(*) > 1) d)
                       AS twice,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM placed_at - enqueued_at))
                       * 1000 AS p50,
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM placed_at - enqueued_at))
                       * 1000 AS p99,
                   count(*) FILTER (WHERE placed_at < b.t0 + make_interval(secs => $3)) / $3 AS first_rate,
                   count(*) FILTER (WHERE placed_at >= b.t1 - make_interval(secs => $3) AND placed_at < b.t1) / $3
                       AS last_rate
            FROM a, b GROUP BY b.t0, b.t1
            """, [load.poolID, Double(options.seconds), window])
        let row = rows[0]
        let placed: Int = try row.decode("placed")
        let first: Double = try row.decode("first_rate")
        let last: Double = try row.decode("last_rate")
        let p50: Double = try row.decode("p50")
        let p99: Double = try row.decode("p99")
        let twice: Int = try row.decode("twice")
        Swift.print(
            "seconds\trate_offered\tsubmitted\tplaced\tplaced_twice\tjobs_per_s\tfirst_window_per_s"
                + "\tlast_window_per_s\tdecay_percent\tp50_ms\tp99_ms\twindow_s")
        Swift.print(
            [
                "\(options.seconds)", "\(options.rate)", "\(submitted)", "\(placed)", "\(twice)",
                String(format: "%.0f", Double(placed) / Double(options.seconds)), String(format: "%.0f", first),
                String(format: "%.0f", last), String(format: "%.1f", (first - last) / first * 100),
                String(format: "%.2f", p50), String(format: "%.2f", p99), String(format: "%.0f", window),
            ].joined(separator: "\t"))
        try await printTableHealth(load)
    }

    /// Dead rows and HOT updates of the tables a placement touches, to show what vacuum had to do.
    static func printTableHealth(_ load: PlacementLoad) async throws {
        let rows = try await load.query(
            """
            SELECT relname, n_live_tup, n_dead_tup, n_tup_upd, n_tup_hot_upd, autovacuum_count
            FROM pg_stat_user_tables WHERE relname IN ('jobs', 'job_queue', 'job_attempts', 'pool_load')
            ORDER BY relname
            """)
        Swift.print("table\tlive\tdead\tupdates\thot_updates\tautovacuums")
        for row in rows {
            let values: [String] = try ["relname", "n_live_tup", "n_dead_tup", "n_tup_upd", "n_tup_hot_upd"].map {
                try row.decode($0, as: String.self)
            }
            Swift.print((values + [try row.decode("autovacuum_count", as: String.self)]).joined(separator: "\t"))
        }
    }
}
