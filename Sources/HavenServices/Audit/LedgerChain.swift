import Foundation
import HavenCore
import HavenCrypto

/// The hash chain of the audit ledger: each entry's digest, and each chain hash over the previous one.
public enum LedgerChain {
    /// The chain hash that comes before the first entry.
    public static let genesis = Data(count: SHA256.byteCount)

    /// SHA-256 of the entry's canonical encoding, which an export may show in place of an entry it leaves out.
    public static func digest(_ event: AuditEvent) -> Data {
        SHA256.digest(Data(LedgerEncoding.entry(event)))
    }

    /// The chain hash after an entry whose digest is `digest`, following the chain hash `previous`.
    public static func hash(previous: Data, digest: Data) -> Data {
        SHA256.digest(previous + digest)
    }

    /// The bytes a checkpoint signs.
    public static func checkpointMessage(sequence: Int64, hash: Data, time: String) -> Data {
        Data(LedgerEncoding.checkpoint(sequence: sequence, hash: Array(hash), time: time))
    }
}
