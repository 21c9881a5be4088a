/// A model version named as `name:version`, as job submissions and the CLI write it.
public struct ModelReference: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var name: String
    public var version: String

    public init(name: String, version: String) {
        self.name = name
        self.version = version
    }

    /// Parses `name:version`; nil unless both parts are present and the text holds exactly one colon.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        self.init(name: String(parts[0]), version: String(parts[1]))
    }

    public var description: String {
        name + ":" + version
    }
}
