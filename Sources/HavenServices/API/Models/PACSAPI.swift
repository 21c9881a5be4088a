import Foundation
import HavenCore

/// The messages of `/v1/projects/:project/pacs` and `/v1/projects/:project/dicom`.
public enum PACSAPI {
    /// One study the hospital PACS holds, without any attribute that names the patient.
    public struct Study: Codable, Sendable, Equatable {
        /// The PACS's Study Instance UID, which `pull` takes.
        public var studyUID: String
        public var studyDate: String?
        public var modalities: [String]
        public var seriesCount: Int?
        public var instanceCount: Int?
    }

    /// A pull of one study from the PACS into the project, with the reason for it.
    public struct Pull: Codable, Sendable, Equatable {
        public var study: String
        public var purpose: String

        public init(study: String, purpose: String) {
            self.study = study
            self.purpose = purpose
        }
    }

    /// A study brought into the project (pulled or imported), as the project sees it: de-identified UIDs only.
    public struct StoredStudy: Codable, Sendable, Equatable {
        public var id: String
        /// The de-identified Study Instance UID in the project's DICOM store.
        public var studyUID: String
        /// `pacs` or `import`.
        public var source: String
        public var purpose: String?
        public var instanceCount: Int
        public var series: [StoredSeries]
        public var createdBy: String
        public var createdAt: Date
    }

    /// One series of a stored study, its check and, when it formed a volume, the volume's object path.
    public struct StoredSeries: Codable, Sendable, Equatable {
        public var seriesUID: String
        public var instanceCount: Int
        public var check: SeriesReport
        /// The NIfTI volume in the project's storage, for jobs to name as input; nil when the series is incomplete
        /// or the project has no storage endpoint.
        public var volume: String?
        /// The volume's grid as its header gives it, checked against the DICOM: voxels per axis and mm per voxel.
        public var volumeDimensions: [Int]?
        public var volumeSpacing: [Double]?
        /// Why a complete series has no volume, when conversion or its geometry check failed.
        public var volumeProblem: String?
    }
}
