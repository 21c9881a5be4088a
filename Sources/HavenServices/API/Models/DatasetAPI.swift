import Foundation
import HavenCore

/// The messages of `/v1/projects/:project/datasets`.
public enum DatasetAPI {
    /// One image and its label map, by object path.
    public struct Case: Codable, Sendable, Equatable {
        public var id: String
        public var image: String
        public var label: String

        public init(id: String, image: String, label: String) {
            self.id = id
            self.image = image
            self.label = label
        }
    }

    public struct CreateVersion: Codable, Sendable {
        public var endpoint: String?
        /// Label id (as text) to name; or leave it out and name a ``schemaPreset``.
        public var labelSchema: [String: String]?
        /// `totalsegmentator-v2-vertebrae` for the vertebra labels 25 to 50.
        public var schemaPreset: String?
        public var cases: [Case]
        public var split: DatasetSplit

        public init(
            endpoint: String? = nil, labelSchema: [String: String]? = nil, schemaPreset: String? = nil,
            cases: [Case], split: DatasetSplit
        ) {
            self.endpoint = endpoint
            self.labelSchema = labelSchema
            self.schemaPreset = schemaPreset
            self.cases = cases
            self.split = split
        }
    }

    /// A case as stored: the paths with the SHA-256 each object had when the version was made.
    public struct StoredCase: Codable, Sendable, Equatable {
        public var id: String
        public var image: String
        public var imageSHA256: String
        public var label: String
        public var labelSHA256: String
    }

    /// One immutable version.
    public struct Manifest: Codable, Sendable, Equatable {
        public var dataset: String
        public var version: Int
        public var endpoint: String
        public var labelSchema: [String: String]
        public var cases: [StoredCase]
        public var split: DatasetSplit
        /// Part name to its sorted case ids.
        public var membership: [String: [String]]
        /// The SHA-256 of the membership's canonical text (see ``DatasetSplit/membershipText(_:)``).
        public var membershipSHA256: String
        public var createdAt: Date?
    }
}
