import Foundation
import HavenCore

/// One file after de-identification, with the original UIDs that only the audit log keeps.
public struct DeidentifiedInstance: Sendable, Hashable {
    public var file: URL
    public var originalStudyUID: String
    public var originalSeriesUID: String
    public var originalSOPInstanceUID: String
    public var studyUID: String
    public var seriesUID: String
    public var sopInstanceUID: String
    /// Every original UID in the file and its replacement.
    public var uids: [String: String]
    /// Where the de-identified image sits, for the series check.
    public var geometry: SeriesInstance
}
