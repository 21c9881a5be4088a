import Foundation
import HavenCore
import HavenCrypto
import HavenLogging

/// The main job end to end on the bundled real CT case, through the public HTTP API, as an admin, a researcher
/// and an auditor would do it. Each run starts over on a fresh `haven_demo` database and demo folder.
public struct DemoScenario: Sendable {
    let configuration: ServerConfiguration
    let samples: URL
    let logger: Logger

    /// The files imported from the sample folder, and the object paths they get.
    static let imports = [
        ("example_ct_sm.nii.gz", "images/example_ct_sm.nii.gz"),
        ("example_seg.nii.gz", "labels/example_seg.nii.gz"),
        ("example_seg_fast.nii.gz", "labels/example_seg_fast.nii.gz"),
        ("LICENSE-TotalSegmentator", "LICENSE-TotalSegmentator"),
    ]

    /// TotalSegmentator v2 labels 25 (sacrum) to 50 (C1): the vertebrae the bone baseline is compared with.
    static let vertebraLabels = Array(25...50)

    /// A demo that keeps its database and files under `configuration.home`/demo and reads samples from `samples`.
    public init(configuration: ServerConfiguration, samples: URL, logger: Logger) {
        var demo = configuration
        demo.home = configuration.home.appending(path: "demo")
        demo.port = 0
        demo.host = "127.0.0.1"
        self.configuration = demo
        self.samples = samples
        self.logger = logger
    }

    /// Runs every step, telling `say` as it goes, and returns what happened.
    public func run(say: @Sendable (String) -> Void) async throws -> DemoReport {
        var report = DemoReport()
        try resetFolders()
        let server = try await report.time("start Haven (embedded PostgreSQL, migrations, API)") {
            try await HavenServer.start(configuration, database: "haven_demo", fresh: true, logger: logger)
        }
        do {
            try await steps(server, &report, say: say)
        } catch {
            await server.shutdown()
            throw error
        }
        await server.shutdown()
        return report
    }

    private func resetFolders() throws {
        for folder in ["storage", "work", "exports"] {
            let url = configuration.home.appending(path: folder)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        }
        try FileManager.default.createDirectory(
            at: configuration.home.appending(path: "exports"), withIntermediateDirectories: true)
    }
}
