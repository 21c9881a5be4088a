/// A YAML document as a tree of scalars, sequences and mappings, each with the place it starts.
///
/// Scalars stay text: the reader of the tree decides what a scalar means, so that it can name the place of a
/// value it cannot use. Anchors and aliases are refused when parsing.
public indirect enum YAMLNode: Sendable, Equatable {
    case scalar(String, YAMLMark)
    case sequence([YAMLNode], YAMLMark)
    /// Keys in the order they were written; a key given twice is refused when parsing.
    case mapping([(key: String, value: YAMLNode)], YAMLMark)

    public var mark: YAMLMark {
        switch self {
        case .scalar(_, let mark), .sequence(_, let mark), .mapping(_, let mark): return mark
        }
    }

    /// A word for the node's kind, for error messages.
    public var kind: String {
        switch self {
        case .scalar: return "a scalar"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        switch (lhs, rhs) {
        case (.scalar(let a, let markA), .scalar(let b, let markB)): return a == b && markA == markB
        case (.sequence(let a, let markA), .sequence(let b, let markB)): return a == b && markA == markB
        case (.mapping(let a, let markA), .mapping(let b, let markB)):
            return markA == markB && a.map(\.key) == b.map(\.key) && a.map(\.value) == b.map(\.value)
        default: return false
        }
    }
}
