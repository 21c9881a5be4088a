import Dispatch
import Foundation
import HTTPServer
import NIfTI

/// The checks a NIfTI file passes before Haven stores it: it must read whole through libnifti, and its header
/// must describe a 3D volume with positive voxel sizes.
enum NIfTIIntake {
    static func isNIfTIName(_ path: String) -> Bool {
        path.hasSuffix(".nii") || path.hasSuffix(".nii.gz")
    }

    /// The most voxel data a volume may declare: a header is read before its data, so that a small file claiming
    /// a huge volume is refused before anything is decompressed.
    static let maximumVoxelBytes = 2 << 30

    /// Checks `file` (stored as `name`) on a queue of its own, since reading a volume is blocking work.
    static func check(_ file: URL, name: String) async throws -> ObjectAPI.NIfTISummary {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "haven.nifti.intake").async {
                continuation.resume(with: Result { try checkNow(file, name: name) })
            }
        }
    }

    /// Reads `file` (stored as `name`) and summarises its header, or throws a 422 that names the file and the fault.
    static func checkNow(_ file: URL, name: String) throws -> ObjectAPI.NIfTISummary {
        let header: NIfTIHeader
        do {
            let declared = try NIfTIImage.readHeader(path: file.path)
            let bytes = declared.voxelCount.multipliedReportingOverflow(by: declared.datatype.bytesPerVoxel)
            guard !bytes.overflow, bytes.partialValue <= maximumVoxelBytes else {
                throw refusal(
                    name,
                    "its header declares \(declared.voxelCount) voxels of \(declared.datatype.rawValue), more than "
                        + "the \(maximumVoxelBytes >> 30) GiB Haven accepts in one volume")
            }
            header = try NIfTIImage.read(path: file.path).header
        } catch let error as NIfTIError {
            throw refusal(name, error.message)
        }
        let spatial = header.dimensions.prefix(3)
        guard spatial.count == 3, header.dimensions.count == 3 || header.dimensions.dropFirst(3).allSatisfy({ $0 == 1 })
        else {
            throw refusal(name, "it has dimensions \(header.dimensions); a 3D volume is expected")
        }
        guard header.spacing.prefix(3).allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw refusal(name, "its voxel sizes \(header.spacing) are not all positive")
        }
        return ObjectAPI.NIfTISummary(
            version: header.version, dimensions: Array(spatial), spacing: Array(header.spacing.prefix(3)),
            datatype: header.datatype.rawValue, orientationSource: "\(header.orientationSource)",
            sformCode: header.sformCode, qformCode: header.qformCode, affine: header.affine)
    }

    private static func refusal(_ name: String, _ fault: String) -> HTTPError {
        HTTPError(status: 422, code: "invalid_nifti", message: "`\(name)` is not a usable NIfTI volume: \(fault)")
    }
}
