import Foundation
import HavenCrypto
import HavenServices
import HavenTestSupport

extension TestServer {
    /// Uploads sample files into project `spine-ct` under `images/`, keeping their names.
    static func upload(_ names: [String], as client: HavenClient) async throws {
        for name in names {
            let data = try Data(contentsOf: Repository.samples.appending(path: name))
            let _: ObjectAPI.View = try await client.put(
                "/v1/projects/spine-ct/objects/images/" + name, data: data, sha256: SHA256.hex(data))
        }
    }

    /// Polls `job` until it ends; the suite's time limit bounds the wait.
    static func finished(_ job: JobAPI.View, as client: HavenClient) async throws -> JobAPI.View {
        var current = job
        while !current.state.isFinal {
            try await Task.sleep(for: .milliseconds(100))
            current = try await client.get("/v1/jobs/" + job.id)
        }
        return current
    }

    /// A `segmentation-metrics` job of the full model (reference) against the fast model on the sample case.
    static func fastVersusFull(labels: [Int]) -> JobAPI.Submit {
        JobAPI.Submit(
            kind: .evaluate, runtime: "segmentation-metrics", pool: "local",
            inputs: ["images/example_seg.nii.gz", "images/example_seg_fast.nii.gz"],
            parameters: ["labels": .array(labels.map { .number(Double($0)) })])
    }
}
