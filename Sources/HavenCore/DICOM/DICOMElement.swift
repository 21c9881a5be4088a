/// One attribute of a DICOM data set as a dump prints it, with where it sits among nested sequences.
public struct DICOMElement: Sendable, Hashable {
    /// The sequences and items that hold the attribute; empty at the top level.
    public var path: [DICOMPathStep]
    public var tag: DICOMTag
    /// The value representation, such as `PN`, `UI` or `SQ`.
    public var vr: String
    /// The values, split at DICOM's `\` separator; empty when the attribute has no value.
    public var values: [String]

    public init(path: [DICOMPathStep], tag: DICOMTag, vr: String, values: [String]) {
        self.path = path
        self.tag = tag
        self.vr = vr
        self.values = values
    }

    /// The whole value as stored, multiple values joined with `\`.
    public var text: String { values.joined(separator: "\\") }

    /// The attribute's location in the form dcmtk's tools take, such as `(0008,1110)[0].(0008,1155)`.
    public var location: String {
        (path.map { "\($0.sequence)[\($0.item)]." } + [tag.description]).joined()
    }

    /// Whether the value representation holds text that could name a person, place or thing.
    public var isText: Bool { Self.textVRs.contains(vr) }

    static let textVRs: Set<String> = [
        "AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST", "TM",
        "UC", "UI", "UR", "UT",
    ]
}
