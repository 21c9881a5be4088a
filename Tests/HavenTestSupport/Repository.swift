import Foundation

/// Paths in this repository that tests use: the sources' root, the built `haven` binary, the bundled samples.
public enum Repository {
    /// The repository root, found from this file's place in `Tests/HavenTestSupport`.
    public static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The `haven` binary that `swift build` put beside the test bundle.
    public static var havenExecutable: URL {
        let candidates = [
            URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "haven"),
            root.appending(path: ".build/debug/haven"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    /// The bundled TotalSegmentator example case.
    public static let samples = root.appending(path: "SampleData/totalsegmentator-example")

    public static let migrations = root.appending(path: "Migrations")

    /// A new, empty folder under the system's temporary folder.
    public static func temporaryFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "haven-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}
