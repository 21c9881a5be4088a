import Foundation
import HavenCore

/// The messages of `/v1/projects/:project/objects`.
public enum ObjectAPI {
    public struct View: Codable, Sendable {
        public var path: String
        public var endpoint: String
        public var size: Int64
        public var sha256: String
        public var nifti: NIfTISummary?
        public var writtenBy: String
        public var writtenByJob: String?
        public var createdAt: Date
    }

    /// The answer to a delete: the object is gone from listings and reads, and its bytes are purged after
    /// `purgeAfter`.
    public struct Deleted: Codable, Sendable {
        public var path: String
        public var purgeAfter: Date
    }

    /// What intake learned from a NIfTI file's header.
    public struct NIfTISummary: Codable, Sendable, Equatable {
        public var version: Int
        public var dimensions: [Int]
        public var spacing: [Double]
        public var datatype: String
        public var orientationSource: String
        public var sformCode: Int
        public var qformCode: Int
        public var affine: [[Double]]
        /// Where each voxel axis points, such as `RAS` (x toward the right, y anterior, z superior).
        public var orientation: String?
        /// Whether the bytes are gzip-compressed, decided from the content.
        public var compressed: Bool?
        /// For a label map, the label values its voxels hold, ascending.
        public var labelValues: [Int]?
        /// What intake noticed but did not refuse, such as an sform and a qform that disagree.
        public var warnings: [String]?
    }
}
