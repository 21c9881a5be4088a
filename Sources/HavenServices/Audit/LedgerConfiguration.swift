import Foundation

/// How the audit ledger chains and signs.
public struct LedgerConfiguration: Sendable {
    /// The most entries one chaining pass takes. Default 2,000.
    public var batchSize: Int = 2_000
    /// How long an idle chainer waits before looking again. Default 100 ms.
    public var pollInterval: Duration = .milliseconds(100)
    /// A checkpoint is signed once this many entries were chained since the last one. Default 1,000.
    public var checkpointEvery: Int64 = 1_000
    /// ...or once this long has passed since the last one and new entries were chained. Default 10 s.
    public var checkpointInterval: Duration = .seconds(10)

    /// Makes the default configuration.
    public init() {}
}
