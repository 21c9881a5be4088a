/// A project's choices within the confidentiality profile.
public struct DeidentificationPolicy: Sendable, Codable, Hashable {
    /// What happens to dates.
    public enum Dates: String, Sendable, Codable, CaseIterable {
        /// Dates stay as acquired.
        case keep
        /// Every date moves back by the project's fixed number of days, so intervals within the project hold.
        case shift
    }

    public var dates: Dates
    /// Private attributes to keep, as `(gggg,eeee)` tags; every other private attribute is removed.
    public var allowedPrivateTags: [String]
    /// Whether Haven keeps the table from original to new UIDs, so that a data steward can trace a study back.
    public var keepUIDMap: Bool

    public init(dates: Dates = .keep, allowedPrivateTags: [String] = [], keepUIDMap: Bool = false) {
        self.dates = dates
        self.allowedPrivateTags = allowedPrivateTags
        self.keepUIDMap = keepUIDMap
    }

    /// The allowed private tags, parsed; throws naming the first entry that is not a private tag.
    public func privateAllowList() throws(DICOMError) -> Set<DICOMTag> {
        var tags: Set<DICOMTag> = []
        for text in allowedPrivateTags {
            guard let tag = DICOMTag(text), tag.isPrivate, !tag.isPrivateCreator else {
                throw .invalidPolicy(
                    "allowed private tag `\(text)` is not a private data element; write it as (gggg,eeee) with an "
                        + "odd group and an element from 1000 up")
            }
            tags.insert(tag)
        }
        return tags
    }
}
