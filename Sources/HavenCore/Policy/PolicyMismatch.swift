/// Why a rule did not apply to a request; built without formatting so that deciding stays cheap, and put into
/// words only when a person asks.
public enum PolicyMismatch: Sendable, Equatable, CustomStringConvertible {
    case principal(user: String)
    case action(String)
    case noProject
    case project(String, [GlobPattern])
    case noDataset
    case dataset(String, [GlobPattern])
    case noPath
    case path(String, [GlobPattern])
    case projectInactive(name: String, state: ProjectState)
    case classification(String?, Set<String>)
    case purpose(String?, Set<String>)
    case timeWindow(TimeWindow)
    case mfa

    public var description: String {
        switch self {
        case .principal(let user): return "it does not name user `\(user)`, their groups or their role"
        case .action(let action): return "it does not cover action `\(action)`"
        case .noProject: return "it needs a project and the request names none"
        case .project(let name, let patterns): return "project `\(name)` is not one of \(Self.list(patterns))"
        case .noDataset: return "it needs a dataset and the request names none"
        case .dataset(let name, let patterns): return "dataset `\(name)` is not one of \(Self.list(patterns))"
        case .noPath: return "it needs an object path and the request names none"
        case .path(let path, let patterns): return "path `\(path)` matches none of \(Self.list(patterns))"
        case .projectInactive(let name, let state):
            return "project `\(name)` is \(state.rawValue) or outside its start and end dates"
        case .classification(let value, let allowed):
            return "classification `\(value ?? "none")` is not one of \(Self.list(allowed))"
        case .purpose(let value, let allowed):
            return "declared purpose `\(value ?? "none")` is not one of \(Self.list(allowed))"
        case .timeWindow(let window): return "the time is outside \(window.description)"
        case .mfa: return "it needs multi-factor sign-in and the caller has none"
        }
    }

    static func list(_ patterns: [GlobPattern]) -> String {
        patterns.map { "`\($0.text)`" }.joined(separator: ", ")
    }

    static func list(_ values: Set<String>) -> String {
        values.sorted().map { "`\($0)`" }.joined(separator: ", ")
    }
}
