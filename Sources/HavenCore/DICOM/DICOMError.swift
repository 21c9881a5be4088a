/// Why Haven refused or could not finish work on DICOM data; each message names the input and how to fix it.
public enum DICOMError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A de-identification policy that cannot be applied.
    case invalidPolicy(String)
    /// A file that is not DICOM or lacks what Haven needs from it.
    case invalidFile(file: String, reason: String)
    /// A de-identified file that still carries something the profile removes; it is not stored.
    case deidentificationFailed(file: String, faults: [String])
    /// A DICOM tool failed.
    case toolFailed(tool: String, reason: String)
    /// A series that cannot become a volume.
    case seriesRejected(String)

    public var description: String {
        switch self {
        case .invalidPolicy(let reason): return "invalid de-identification policy: \(reason)"
        case .invalidFile(let file, let reason): return "`\(file)` \(reason)"
        case .deidentificationFailed(let file, let faults):
            return "`\(file)` still identifies after de-identification, so it was not stored: "
                + faults.joined(separator: "; ")
        case .toolFailed(let tool, let reason): return "\(tool) failed: \(reason)"
        case .seriesRejected(let reason): return reason
        }
    }
}
