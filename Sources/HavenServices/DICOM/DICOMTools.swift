import Foundation
import HavenCore

/// The DICOM tools Haven drives: dcmtk's `dcmdump` to read attributes and `dcmodify` to change them, and
/// `dcm2niix` to make volumes. Haven never encodes DICOM itself.
enum DICOMTools {
    /// The attributes of each file, file meta information included; pixel data is not loaded.
    static func dump(_ files: [URL]) async throws(DICOMError) -> [DICOMDataset] {
        guard !files.isEmpty else { return [] }
        let output = try await ToolProcess.run("dcmdump", ["-q", "+L", "-M", "-Un", "+Qo", "+F"] + files.map(\.path))
        let datasets = DICOMDumpParser.parse(String(decoding: output.stdout, as: UTF8.self))
        let read = Set(datasets.map(\.file))
        if let unread = files.first(where: { !read.contains($0.path) }) {
            throw .invalidFile(file: unread.lastPathComponent, reason: "is not a DICOM file dcmdump can read")
        }
        let byFile = Dictionary(datasets.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
        return files.compactMap { byFile[$0.path] }
    }

    /// Applies `edits` to `file` in place, with no backup copy left beside it.
    static func modify(_ file: URL, _ edits: [DICOMEdit]) async throws(DICOMError) {
        guard !edits.isEmpty else { return }
        // -nb: no backup; -imt: a tag missing at a nested location is not an error.
        let arguments = ["-nb", "-imt"] + edits.flatMap(\.arguments) + [file.path]
        _ = try await ToolProcess.check("dcmodify", arguments)
    }

    /// Converts the DICOM files in `folder` to one compressed NIfTI volume in `output`, returning its file.
    static func convert(folder: URL, output: URL, name: String) async throws(DICOMError) -> URL {
        let arguments = ["-z", "y", "-b", "n", "-f", name, "-o", output.path, folder.path]
        let result = try await ToolProcess.check("dcm2niix", arguments)
        let volume = output.appending(path: name + ".nii.gz")
        guard FileManager.default.fileExists(atPath: volume.path) else {
            let said = String(decoding: result.stdout, as: UTF8.self).split(separator: "\n").suffix(2)
            throw .toolFailed(tool: "dcm2niix", reason: "it wrote no \(name).nii.gz: \(said.joined(separator: " / "))")
        }
        return volume
    }
}
