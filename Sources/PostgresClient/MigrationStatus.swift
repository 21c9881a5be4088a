/// Which migrations the database has and which of the folder's migrations it still lacks.
public struct MigrationStatus: Sendable, Equatable {
    /// Migrations recorded in `haven_migrations`, by version.
    public var applied: [Migration]
    /// Migrations in the folder not yet applied, in the order they would be applied.
    public var pending: [Migration]

    /// Whether nothing is pending.
    public var isCurrent: Bool { pending.isEmpty }

    public init(applied: [Migration], pending: [Migration]) {
        self.applied = applied
        self.pending = pending
    }
}
