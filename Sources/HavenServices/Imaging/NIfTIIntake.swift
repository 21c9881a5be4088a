import Dispatch
import Foundation
import HTTPServer
import NIfTI

/// The checks a NIfTI file passes before Haven stores it. The format is decided from the bytes, not the name; the
/// whole stream must decompress; the header's data offset and extensions must fit the file; it must read whole
/// through libnifti and describe a 3D volume (a trailing axis of length 1 is dropped) with positive voxel sizes; a
/// label map must not scale its values. Every refusal is a 422 that names the file.
enum NIfTIIntake {
    static func isNIfTIName(_ path: String) -> Bool {
        path.hasSuffix(".nii") || path.hasSuffix(".nii.gz")
    }

    /// Whether `file` (stored as `name`) is to be checked as NIfTI: by its name, or by its first bytes.
    static func isNIfTI(_ file: URL, name: String) -> Bool {
        isNIfTIName(name) || NIfTIProbe.looksLikeNIfTI(path: file.path)
    }

    /// The most voxel data a volume may declare: a header is read before its data, so that a small file claiming
    /// a huge volume is refused before anything is decompressed.
    static let maximumVoxelBytes = 2 << 30

    /// How far (in millimetres, per affine entry) an sform and a qform may differ before intake warns.
    static let transformTolerance = 1e-3

    /// Checks `file` (stored as `name`) on a queue of its own, since reading a volume is blocking work.
    static func check(_ file: URL, name: String, labelMap: Bool = false) async throws -> ObjectAPI.NIfTISummary {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "haven.nifti.intake").async {
                continuation.resume(with: Result { try checkNow(file, name: name, labelMap: labelMap) })
            }
        }
    }

    /// Reads `file` (stored as `name`) and summarises it, or throws a 422 that names the file and the fault.
    static func checkNow(_ file: URL, name: String, labelMap: Bool = false) throws -> ObjectAPI.NIfTISummary {
        do {
            let head = try NIfTIProbe.headerOnly(path: file.path)
            // libnifti picks its reader by the suffix, so it reads a copy named for what the bytes are.
            let readable = file.deletingLastPathComponent().appending(path: UUID().uuidString + head.suffix)
            guard link(file.path, readable.path) == 0 else {
                throw refusal(name, "it could not be staged for reading (\(String(cString: strerror(errno))))")
            }
            defer { unlink(readable.path) }
            try checkDeclaredSize(readable, name: name)
            let probe = try NIfTIProbe.probe(path: readable.path)
            return try summarise(readable, probe: probe, name: name, labelMap: labelMap)
        } catch let error as NIfTIError {
            throw refusal(name, error.message)
        }
    }

    /// Refuses a header declaring more voxel data than Haven reads, before any of it is decompressed.
    private static func checkDeclaredSize(_ file: URL, name: String) throws {
        let declared = try NIfTIImage.readHeader(path: file.path)
        let bytes = declared.voxelCount.multipliedReportingOverflow(by: declared.datatype.bytesPerVoxel)
        guard !bytes.overflow, bytes.partialValue <= maximumVoxelBytes else {
            throw refusal(
                name,
                "its header declares \(declared.voxelCount) voxels of \(declared.datatype.rawValue), more than "
                    + "the \(maximumVoxelBytes >> 30) GiB Haven accepts in one volume")
        }
    }

    private static func summarise(
        _ file: URL, probe: NIfTIProbe, name: String, labelMap: Bool
    ) throws -> ObjectAPI.NIfTISummary {
        let image = try NIfTIImage.read(path: file.path)
        let header = image.header
        try checkShape(header, name: name)

        var labels: [Int]?
        if labelMap || probe.intentCode == NIfTIProbe.labelIntent {
            labels = try labelValues(image, name: name)
        }
        return ObjectAPI.NIfTISummary(
            version: header.version, dimensions: Array(header.dimensions.prefix(3)),
            spacing: Array(header.spacing.prefix(3)), datatype: header.datatype.rawValue,
            orientationSource: "\(header.orientationSource)", sformCode: header.sformCode,
            qformCode: header.qformCode, affine: header.affine, orientation: orientationCode(header.affine),
            compressed: probe.isCompressed, labelValues: labels, warnings: warnings(header))
    }

    /// A 3D volume: trailing axes of length 1 were dropped when the header was read; anything left is a true 4D
    /// (or higher) volume, which Haven's 3D segmentation tasks cannot take.
    private static func checkShape(_ header: NIfTIHeader, name: String) throws {
        guard header.dimensions.count == 3 else {
            throw refusal(
                name,
                "it has dimensions \(header.dimensions), a \(header.dimensions.count)D volume; Haven's segmentation "
                    + "tasks take 3D volumes, so store each 3D volume as its own file")
        }
        guard header.spacing.prefix(3).allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw refusal(name, "its voxel sizes \(header.spacing) are not all positive")
        }
    }

    /// The label values a label map holds; a map that scales its values is refused, since scaling would change
    /// its integer labels and rounding them back would hide that.
    private static func labelValues(_ image: NIfTIImage, name: String) throws -> [Int] {
        let header = image.header
        if header.hasScaling {
            throw refusal(
                name,
                "it is a label map whose header scales its values (scl_slope \(header.scaleSlope), scl_inter "
                    + "\(header.scaleIntercept)), which would change its integer labels; Haven flags this rather than "
                    + "round, so write the label map with scl_slope 0 or 1 and scl_inter 0")
        }
        var present = [Bool](repeating: false, count: 65536)
        for label in try image.voxelsAsLabels() { present[Int(label)] = true }
        return present.indices.filter { present[$0] }
    }

    /// A warning when both transforms are set and disagree; the sform wins by the NIfTI rule.
    private static func warnings(_ header: NIfTIHeader) -> [String]? {
        guard let qform = header.qformAffine else { return nil }
        let difference = zip(header.affine.joined(), qform.joined()).map { abs($0 - $1) }.max() ?? 0
        guard difference > transformTolerance else { return nil }
        return [
            "the sform and qform disagree by up to \(difference) mm; Haven uses the sform, as the NIfTI rule says "
                + "when its code is set"
        ]
    }

    /// The axis codes of `affine`: for each voxel axis, the world direction its column points along most.
    static func orientationCode(_ affine: [[Double]]) -> String {
        let letters: [(positive: Character, negative: Character)] = [("R", "L"), ("A", "P"), ("S", "I")]
        var code = ""
        for column in 0..<3 {
            let components = (0..<3).map { affine[$0][column] }
            let axis = components.indices.max { abs(components[$0]) < abs(components[$1]) } ?? column
            code.append(components[axis] >= 0 ? letters[axis].positive : letters[axis].negative)
        }
        return code
    }

    private static func refusal(_ name: String, _ fault: String) -> HTTPError {
        HTTPError(status: 422, code: "invalid_nifti", message: "`\(name)` is not a usable NIfTI volume: \(fault)")
    }
}
