import Foundation

/// Paths to the TotalSegmentator example case committed under SampleData, and scratch folders for
/// tests.
enum SampleFiles {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("SampleData/totalsegmentator-example")

    static var ctSmall: String { folder.appendingPathComponent("example_ct_sm.nii.gz").path }
    static var ct: String { folder.appendingPathComponent("example_ct.nii.gz").path }
    static var segmentation: String { folder.appendingPathComponent("example_seg.nii.gz").path }
    static var segmentationFast: String { folder.appendingPathComponent("example_seg_fast.nii.gz").path }
    static var segmentationDICOM: String { folder.appendingPathComponent("example_seg_dicom.nii.gz").path }

    /// A new empty folder under the system temporary folder; the caller removes it.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("haven-nifti-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
