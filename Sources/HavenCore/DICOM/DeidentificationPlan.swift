/// The changes that de-identify one file, and what the result must no longer contain.
public struct DeidentificationPlan: Sendable, Hashable {
    /// The changes, in the order they are made: values first, removals last.
    public var edits: [DICOMEdit]
    /// Each original UID in the file and the UID that replaces it.
    public var uids: [String: String]
    /// Identifying text the file held, by the attribute that held it; none may appear in the result's bytes.
    public var identifyingText: [DICOMTag: [String]]

    public init(edits: [DICOMEdit], uids: [String: String], identifyingText: [DICOMTag: [String]]) {
        self.edits = edits
        self.uids = uids
        self.identifyingText = identifyingText
    }
}
