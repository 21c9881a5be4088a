/// A DICOM attribute tag, group and element, written `(gggg,eeee)` in lower-case hex as DICOM tools print it.
public struct DICOMTag: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var group: UInt16
    public var element: UInt16

    public init(_ group: UInt16, _ element: UInt16) {
        self.group = group
        self.element = element
    }

    /// Parses `(gggg,eeee)` or `gggg,eeee`; nil when the text is not a tag.
    public init?(_ text: some StringProtocol) {
        var body = Substring(text)
        if body.first == "(" && body.last == ")" { body = body.dropFirst().dropLast() }
        let parts = body.split(separator: ",")
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 }), let group = UInt16(parts[0], radix: 16),
            let element = UInt16(parts[1], radix: 16)
        else { return nil }
        self.init(group, element)
    }

    /// Private attributes live in odd groups (PS3.5 7.8); groups 1, 3, 5 and 7 are reserved, not private.
    public var isPrivate: Bool { group % 2 == 1 && group > 7 }

    /// A private creator element reserves the block `(gggg,xx00)`–`(gggg,xxff)` for its data elements.
    public var isPrivateCreator: Bool { isPrivate && element >= 0x10 && element <= 0xff }

    /// The private creator element that reserves this private data element's block.
    public var privateCreator: DICOMTag { DICOMTag(group, element >> 8) }

    /// File meta information (group 0002), which describes the file rather than the patient.
    public var isFileMeta: Bool { group == 0x0002 }

    public var description: String { "(\(Self.hex(group)),\(Self.hex(element)))" }

    public static func < (lhs: DICOMTag, rhs: DICOMTag) -> Bool {
        (lhs.group, lhs.element) < (rhs.group, rhs.element)
    }

    private static func hex(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }
}
