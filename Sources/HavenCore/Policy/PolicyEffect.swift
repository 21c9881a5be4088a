/// What a matching rule does; an explicit deny overrides every allow.
public enum PolicyEffect: String, Sendable, Codable, Equatable {
    case allow
    case deny
}
