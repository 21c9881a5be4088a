import Foundation
import NIfTI
import Testing

@Suite("NIfTI files that must be refused")
struct NIfTIBadFileTests {
    @Test func aMissingFileIsNotFound() throws {
        let path = "/nonexistent/haven/missing.nii.gz"

        let error = try #require(throws: NIfTIError.self) { try NIfTIImage.read(path: path) }

        #expect(error.code == .notFound)
        #expect(error.description.contains(path))
    }

    @Test func theFirstHalfOfAGzippedLabelMapIsRefusedAsTruncatedNamingTheFile() throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try Data(contentsOf: URL(fileURLWithPath: SampleFiles.segmentation))
        let path = folder.appendingPathComponent("half_seg.nii.gz").path
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: NIfTIError.self) { try NIfTIImage.read(path: path) }

        #expect(error.code == .truncated)
        #expect(error.path == path)
        #expect(error.description.contains("half_seg.nii.gz"))
    }

    @Test func theHeaderOfATruncatedFileStillReadsBecauseItsVoxelsAreNotLoaded() throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let whole = try Data(contentsOf: URL(fileURLWithPath: SampleFiles.segmentation))
        let path = folder.appendingPathComponent("half_seg.nii.gz").path
        try whole.prefix(whole.count / 2).write(to: URL(fileURLWithPath: path))

        let header = try NIfTIImage.readHeader(path: path)

        #expect(header.dimensions == [122, 101, 30])
    }

    @Test func aTextFileNamedLikeNIfTIIsRefusedAsNotNIfTINamingTheFile() throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.nii.gz").path
        let text = String(repeating: "this is a text file, not a volume\n", count: 40)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: NIfTIError.self) { try NIfTIImage.read(path: path) }
        let headerError = try #require(throws: NIfTIError.self) { try NIfTIImage.readHeader(path: path) }

        #expect(error.code == .notNIfTI)
        #expect(error.description.contains("notes.nii.gz"))
        #expect(headerError.code == .notNIfTI)
    }

    @Test func aFolderIsRefusedAsNotFound() throws {
        let folder = try SampleFiles.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }

        let error = try #require(throws: NIfTIError.self) { try NIfTIImage.readHeader(path: folder.path) }

        #expect(error.code == .notFound)
    }
}
