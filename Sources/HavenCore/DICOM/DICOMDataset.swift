/// The attributes of one DICOM file, file meta information included, as read from a dump.
public struct DICOMDataset: Sendable, Hashable {
    /// The file the dump was made from.
    public var file: String
    public var elements: [DICOMElement]

    public init(file: String, elements: [DICOMElement]) {
        self.file = file
        self.elements = elements
    }

    /// The top-level attribute `tag`, when present.
    public func element(_ tag: DICOMTag) -> DICOMElement? {
        elements.first { $0.path.isEmpty && $0.tag == tag }
    }

    /// The top-level attribute's values, or an empty list.
    public func values(_ tag: DICOMTag) -> [String] {
        element(tag)?.values ?? []
    }

    /// The top-level attribute's first value with surrounding spaces removed; nil when absent or empty.
    public func string(_ tag: DICOMTag) -> String? {
        guard let first = values(tag).first else { return nil }
        let trimmed = first.trimmingSpaces
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The data set as it reads after `edits` that set top-level attributes; other edits are left out.
    public func applying(_ edits: [DICOMEdit]) -> DICOMDataset {
        var result = self
        for case .set(let location, let value) in edits {
            guard let tag = DICOMTag(location) else { continue }
            if let index = result.elements.firstIndex(where: { $0.path.isEmpty && $0.tag == tag }) {
                result.elements[index].values = [value]
            } else {
                result.elements.append(DICOMElement(path: [], tag: tag, vr: "UI", values: [value]))
            }
        }
        return result
    }

    /// The top-level attribute's values read as decimal numbers; nil when any value is not a number.
    public func numbers(_ tag: DICOMTag) -> [Double]? {
        let values = values(tag)
        guard !values.isEmpty else { return nil }
        let numbers = values.compactMap { Double($0.trimmingSpaces) }
        return numbers.count == values.count ? numbers : nil
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text = text.dropFirst() }
        while text.last == " " || text.last == "\0" { text = text.dropLast() }
        return String(text)
    }
}
