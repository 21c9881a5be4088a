import Foundation

/// One schema change: a file `NNNN_name.sql` whose number orders it among the others.
public struct Migration: Sendable, Equatable {
    /// The number before the first underscore.
    public var version: Int
    /// The file name, such as `0001_create_users.sql`.
    public var name: String
    /// The hex SHA-256 of the file's bytes (or, for an applied migration, of the bytes it had when applied).
    public var checksum: String

    public init(version: Int, name: String, checksum: String) {
        self.version = version
        self.name = name
        self.checksum = checksum
    }
}
