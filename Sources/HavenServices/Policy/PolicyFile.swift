/// One policy file as an admin wrote it: its name inside the policy folder and its text.
public struct PolicyFile: Sendable, Codable, Equatable {
    public var name: String
    public var content: String

    public init(name: String, content: String) {
        self.name = name
        self.content = content
    }
}
