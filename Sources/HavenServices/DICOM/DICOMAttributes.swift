import Foundation
import HavenCore

/// One object of a DICOM JSON answer (PS3.18 F.2), reduced to text values per tag; person names give their
/// alphabetic form and numbers their decimal text.
public struct DICOMAttributes: Sendable, Hashable {
    public var values: [DICOMTag: [String]]

    public init(values: [DICOMTag: [String]]) {
        self.values = values
    }

    /// The first value of `tag`, when present and not empty.
    public func string(_ tag: DICOMTag) -> String? {
        values[tag]?.first.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads a DICOM JSON array; throws when `data` is not one.
    static func list(from data: Data) throws -> [DICOMAttributes] {
        if data.isEmpty { return [] }
        guard let array = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw DICOMwebError.badResponse("expected a DICOM JSON array")
        }
        return array.map(Self.init(json:))
    }

    init(json: [String: Any]) {
        var values: [DICOMTag: [String]] = [:]
        for (key, attribute) in json {
            guard key.count == 8, let tag = DICOMTag(key.prefix(4) + "," + key.suffix(4)),
                let attribute = attribute as? [String: Any]
            else { continue }
            values[tag] = (attribute["Value"] as? [Any] ?? []).map(Self.text)
        }
        self.values = values
    }

    static func text(_ value: Any) -> String {
        if let text = value as? String { return text }
        if let name = value as? [String: Any] { return name["Alphabetic"] as? String ?? "" }
        if let number = value as? NSNumber { return number.stringValue }
        return ""
    }
}
