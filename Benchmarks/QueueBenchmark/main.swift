import Foundation
import HavenServices

// Measures job placement on a database the benchmark script provides: submitters offer jobs at a fixed rate
// through the statements a submission runs, and claimers (one per simulated `haven serve` replica) place them
// with the pool driver's batched claim, woken by NOTIFY. Afterwards the database says when each attempt was
// queued and placed.
//
//     haven-queue-bench DATABASE_URL MIGRATIONS [--seconds N] [--rate JOBS_PER_S] [--batch N] [--claimers N]
//                       [--submitters N] [--free-gpus N]
//
// With --free-gpus the claimers use the claim of local and agent pools, which also keeps the placed attempts'
// GPUs within a budget (the benchmark's jobs need none); without it, the claim of Slurm pools.

struct Options {
    var databaseURL = ""
    var migrations = URL(fileURLWithPath: "Migrations")
    var seconds = 60
    var rate = 1000
    var batch = 64
    var claimers = 2
    var submitters = 8
    var freeGPUs: Int?

    static func parse(_ arguments: [String]) -> Options? {
        guard arguments.count >= 3 else { return nil }
        var options = Options(databaseURL: arguments[1], migrations: URL(fileURLWithPath: arguments[2]))
        var rest = arguments.dropFirst(3).makeIterator()
        while let flag = rest.next() {
            guard let value = rest.next().flatMap(Int.init), value > 0 else { return nil }
            switch flag {
            case "--seconds": options.seconds = value
            case "--rate": options.rate = value
            case "--batch": options.batch = value
            case "--claimers": options.claimers = value
            case "--submitters": options.submitters = value
            case "--free-gpus": options.freeGPUs = value
            default: return nil
            }
        }
        return options
    }
}

guard let options = Options.parse(CommandLine.arguments) else {
    FileHandle.standardError.write(
        Data(
            ("usage: haven-queue-bench DATABASE_URL MIGRATIONS [--seconds N] [--rate JOBS_PER_S] [--batch N]"
                + " [--claimers N] [--submitters N] [--free-gpus N]\n").utf8))
    exit(64)
}

/// Offers `rate` jobs a second, spread over `submitters` tasks, until `deadline`; returns how many committed.
func submitLoad(_ load: PlacementLoad, options: Options, deadline: ContinuousClock.Instant) async throws -> Int {
    let interval = Duration.seconds(Double(options.submitters) / Double(options.rate))
    return try await withThrowingTaskGroup(of: Int.self) { group in
        for submitter in 0..<options.submitters {
            group.addTask {
                var next = ContinuousClock.now + interval * (Double(submitter) / Double(options.submitters))
                var count = 0
                // A submitter that falls behind the offered rate catches up without sleeping, until the deadline.
                while next < deadline, ContinuousClock.now < deadline {
                    try await Task.sleep(until: next)
                    try await load.submit()
                    count += 1
                    next += interval
                }
                return count
            }
        }
        return try await group.reduce(0, +)
    }
}

/// One replica's placement loop: claims batches above its watermark whenever NOTIFY (or a one-second tick)
/// wakes it, and scans from the start once a second, as `LocalPoolDriver` does.
func claimLoop(_ load: PlacementLoad, batch: Int, freeGPUs: Int?) async throws {
    let (wakes, wake) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(1))
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            for try await _ in try await load.wakes() { wake.yield(false) }
        }
        group.addTask {
            while !Task.isCancelled {
                try await Task.sleep(for: .seconds(1))
                wake.yield(true)
            }
        }
        group.addTask {
            var watermark: Int64 = 0
            for await rescan in wakes {
                if rescan { watermark = 0 }
                while true {
                    let highest = try await load.claim(after: watermark, limit: batch, freeGPUs: freeGPUs).watermark
                    guard highest > watermark else { break }
                    watermark = highest
                }
            }
        }
        try await group.next()
        group.cancelAll()
    }
}

let load = try await PlacementLoad.open(
    databaseURL: options.databaseURL, migrations: options.migrations,
    connections: options.submitters + options.claimers * 2 + 2)
let claimers = (0..<options.claimers).map { _ in
    Task {
        try await claimLoop(load, batch: options.batch, freeGPUs: options.freeGPUs)
    }
}
try await Task.sleep(for: .milliseconds(200))
let submitted = try await submitLoad(
    load, options: options, deadline: ContinuousClock.now + .seconds(options.seconds))
// Let the claimers drain what is left, then stop them.
for _ in 0..<100 {
    let waiting = try await load.query("SELECT count(*) AS n FROM job_queue")
    if try waiting[0].decode("n", as: Int.self) == 0 { break }
    try await Task.sleep(for: .milliseconds(100))
}
for claimer in claimers { claimer.cancel() }

try await BenchReport.print(load, options: options, submitted: submitted)
await load.close()
