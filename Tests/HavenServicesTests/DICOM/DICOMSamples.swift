import Foundation
import HavenTestSupport

/// Test series made from copies of the bundled CT slices with dcmtk's dcmodify: Haven's tests never write DICOM
/// themselves.
enum DICOMSamples {
    static let bundled = Repository.samples.appending(path: "example_ct_dicom")

    /// The bundled slices' files, ordered by name (which follows the instance number, 267 to 286).
    static func bundledFiles() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(atPath: bundled.path).sorted().map { bundled.appending(path: $0) }
    }

    /// Copies of the bundled slices at `indices` in a new folder.
    static func copies(_ indices: some Sequence<Int>, name: String) throws -> [URL] {
        let folder = try Repository.temporaryFolder(name)
        let files = try bundledFiles()
        return try indices.map { index in
            let copy = folder.appending(path: String(format: "slice-%02d.dcm", index))
            try FileManager.default.copyItem(at: files[index], to: copy)
            return copy
        }
    }

    /// A fresh UID under 2.25, unique to this run.
    static func uid() -> String {
        let value = UUID().uuid
        let bytes = withUnsafeBytes(of: value) { Array($0) }
        return "2.25." + String(bytes.reduce(UInt128(0)) { $0 << 8 | UInt128($1) })
    }

    /// Runs dcmodify on `file` with `arguments`, insisting it succeeds.
    static func modify(_ file: URL, _ arguments: [String]) async throws {
        let tool = URL(filePath: "/usr/bin/dcmodify")
        let result = try await ChildProcess.run(tool, ["-nb"] + arguments + [file.path])
        guard result.status == 0 else { throw TestFailure("dcmodify \(arguments) failed: \(result.stderr)") }
    }

    /// The text dcmdump prints for each of `files`, in one run of the tool.
    static func dumps(_ files: [URL]) async throws -> [String] {
        let output = try await ChildProcess.run(
            URL(filePath: "/usr/bin/dcmdump"), ["-q", "+L", "+F"] + files.map(\.path)
        ).stdout
        let parts = output.components(separatedBy: "# dcmdump (").dropFirst()
        guard parts.count == files.count else {
            throw TestFailure("dcmdump read \(parts.count) of \(files.count) files")
        }
        return Array(parts)
    }
}
