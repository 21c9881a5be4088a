import Dispatch
import Foundation
import HavenCore
import NIfTI

/// Turns a checked series into a NIfTI volume with dcm2niix, then reads the volume's header back and checks its
/// grid against the one the DICOM attributes gave: voxels per axis, pixel spacing, and the slice spacing derived
/// from positions.
enum SeriesConverter {
    /// Millimetres by which a volume's voxel size may differ from the DICOM's (float rounding in the header).
    static let tolerance = 1e-3

    struct Volume: Sendable {
        var file: URL
        var dimensions: [Int]
        var spacing: [Double]
    }

    /// Converts `files` (the kept instances of `report`) in a folder of their own under `work`.
    static func convert(_ files: [URL], report: SeriesReport, work: URL) async throws(DICOMError) -> Volume {
        let input = work.appending(path: "series-input-\(UUID().uuidString)")
        let output = work.appending(path: "series-output-\(UUID().uuidString)")
        do {
            for folder in [input, output] {
                try FileManager.default.createDirectory(
                    at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            for file in files {
                try FileManager.default.copyItem(at: file, to: input.appending(path: file.lastPathComponent))
            }
        } catch {
            throw .toolFailed(tool: "dcm2niix", reason: "cannot stage the series: \(error.localizedDescription)")
        }
        let volume = try await DICOMTools.convert(folder: input, output: output, name: "volume")
        let header = try await header(of: volume)
        try verify(header, report: report, slices: files.count)
        return Volume(
            file: volume, dimensions: Array(header.dimensions.prefix(3)), spacing: Array(header.spacing.prefix(3)))
    }

    /// Checks the volume's grid against the series: columns, rows, slices, and their spacings in mm.
    static func verify(_ header: NIfTIHeader, report: SeriesReport, slices: Int) throws(DICOMError) {
        guard let rows = report.rows, let columns = report.columns, let pixel = report.pixelSpacing, pixel.count == 2,
            let sliceSpacing = report.sliceSpacing
        else { throw .seriesRejected("the series has no pixel spacing or slice spacing to check the volume against") }
        let expectedDimensions = [columns, rows, slices]
        let expectedSpacing = [pixel[1], pixel[0], sliceSpacing]
        let dimensions = Array(header.dimensions.prefix(3))
        let spacing = Array(header.spacing.prefix(3))
        guard dimensions == expectedDimensions,
            zip(spacing, expectedSpacing).allSatisfy({ abs($0 - $1) <= tolerance }), spacing.count == 3
        else {
            throw .seriesRejected(
                "dcm2niix made a volume of \(dimensions) voxels at \(spacing) mm, but the DICOM gives "
                    + "\(expectedDimensions) at \(expectedSpacing) mm; the volume was not kept")
        }
    }

    private static func header(of file: URL) async throws(DICOMError) -> NIfTIHeader {
        let result: Result<NIfTIHeader, DICOMError> = await withCheckedContinuation { continuation in
            DispatchQueue(label: "haven.dicom.volume-header").async {
                do {
                    continuation.resume(returning: .success(try NIfTIImage.readHeader(path: file.path)))
                } catch {
                    continuation.resume(
                        returning: .failure(.toolFailed(tool: "dcm2niix", reason: "its volume is unreadable: \(error)"))
                    )
                }
            }
        }
        return try result.get()
    }
}
