import Foundation

/// A line of a JSON-lines ledger export that is not an entry; entry lines are ``HavenCore/AuditEvent`` objects
/// and have no `type`.
public struct LedgerRecord: Sendable, Codable, Equatable {
    /// What kind of line this is.
    public enum Kind: String, Sendable, Codable {
        /// The first line: the sequence the export starts at and the chain hash before it.
        case start
        /// An entry the export's filters left out, shown by its digest and chain hash alone.
        case omitted
        /// A signed checkpoint of the chain.
        case checkpoint
    }

    public var type: Kind
    public var sequence: Int64
    /// For `start`, the chain hash before `sequence`; otherwise the chain hash at `sequence`. Hex.
    public var hash: String
    /// For `omitted`, the entry's digest in hex.
    public var digest: String?
    /// For `checkpoint`, the time it was signed (ISO 8601, UTC, microseconds).
    public var time: String?
    /// For `checkpoint`, the Ed25519 signature in hex.
    public var signature: String?
    /// For `checkpoint`, the signing key in hex.
    public var publicKey: String?

    public init(
        type: Kind, sequence: Int64, hash: String, digest: String? = nil, time: String? = nil,
        signature: String? = nil, publicKey: String? = nil
    ) {
        self.type = type
        self.sequence = sequence
        self.hash = hash
        self.digest = digest
        self.time = time
        self.signature = signature
        self.publicKey = publicKey
    }
}
