/// One change to a DICOM file, in the terms of dcmtk's `dcmodify`.
public enum DICOMEdit: Sendable, Hashable {
    /// Remove every occurrence of the attribute, at any nesting level.
    case eraseAll(DICOMTag)
    /// Set the value of the attribute at a location (`(0008,1110)[0].(0008,1155)`), adding it when missing.
    case set(location: String, value: String)

    /// The command-line arguments that make this change.
    public var arguments: [String] {
        switch self {
        case .eraseAll(let tag): return ["-ea", tag.description]
        case .set(let location, let value): return ["-i", location + "=" + value]
        }
    }
}
