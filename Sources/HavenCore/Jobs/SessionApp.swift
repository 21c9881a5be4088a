/// What an interactive session runs on its node, behind the session's gateway.
public enum SessionApp: String, Sendable, Codable, CaseIterable {
    /// JupyterLab, reached in a browser through `haven session connect`.
    case jupyter
    /// 3D Slicer with its web server, reached in a browser through `haven session connect`.
    case slicer
    /// A login shell in the session's work folder, on the terminal that runs `haven session connect`.
    case shell

    /// Whether the app speaks HTTP to a browser (a local port on the user's machine) rather than to a terminal.
    public var servesBrowser: Bool { self != .shell }
}
