/// Which resources a rule covers; an empty list leaves that part of the resource unconstrained.
public struct PolicyResources: Sendable, Equatable {
    /// Project names, with wildcards.
    public var projects: [GlobPattern]
    /// Dataset (storage endpoint) names, with wildcards.
    public var datasets: [GlobPattern]
    /// Object paths inside a dataset, with `*` and `**`.
    public var paths: [GlobPattern]

    public init(projects: [GlobPattern] = [], datasets: [GlobPattern] = [], paths: [GlobPattern] = []) {
        self.projects = projects
        self.datasets = datasets
        self.paths = paths
    }

    /// Why the query's resource is outside these, or `nil` when it is inside.
    public func mismatch(_ query: PolicyQuery) -> PolicyMismatch? {
        if !projects.isEmpty {
            guard let project = query.project?.name else { return .noProject }
            guard projects.contains(where: { $0.matches(project) }) else { return .project(project, projects) }
        }
        if !datasets.isEmpty {
            guard let dataset = query.dataset else { return .noDataset }
            guard datasets.contains(where: { $0.matches(dataset) }) else { return .dataset(dataset, datasets) }
        }
        if !paths.isEmpty {
            guard let path = query.path else { return .noPath }
            guard paths.contains(where: { $0.matches(path) }) else { return .path(path, paths) }
        }
        return nil
    }
}
