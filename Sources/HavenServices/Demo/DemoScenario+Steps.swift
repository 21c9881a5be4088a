import Foundation
import HavenCore
import HavenCrypto

extension DemoScenario {
    func steps(_ server: HavenServer, _ report: inout DemoReport, say: @Sendable (String) -> Void) async throws {
        guard let adminToken = server.firstAdminToken else {
            throw DemoError("the demo database already had an admin; it should have started empty")
        }
        let admin = HavenClient(baseURL: server.url, token: adminToken, caCertificatePath: nil)
        say("Haven is up at \(server.url).")

        let (researcher, auditor, device) = try await report.time("admin: project, users, storage, pool") {
            try await adminSetUp(admin)
        }
        report.created = [
            "project spine-ct", "user researcher (researcher)", "user auditor (auditor)",
            "storage images (filesystem)", "pool local (\(device))",
        ]
        say(device == "cpu" ? "No GPU on this machine: the local pool runs jobs on CPU." : "The local pool has GPUs.")

        report.imported = try await report.time("researcher: import the CT and two label maps") {
            try await importSamples(researcher)
        }
        say("Imported \(report.imported.count) files, each checked and hashed.")

        let inference = try await report.time("researcher: bone baseline inference job") {
            try await runJob(
                researcher,
                JobAPI.Submit(
                    kind: .infer, runtime: "bone-threshold-baseline", pool: "local",
                    inputs: ["images/example_ct_sm.nii.gz"]))
        }
        report.jobs.append(inference)
        say("Inference job \(inference.id) \(inference.state.rawValue).")

        let (fast, baseline) = try await report.time("researcher: two Dice evaluation jobs") {
            try await evaluations(researcher, inferenceJob: inference)
        }
        report.jobs += [fast, baseline]
        report.diceFastVersusFull = DemoReport.diceRows(fast.result)
        report.diceBaselineVersusVertebrae = DemoReport.diceRows(baseline.result)
        say("Evaluation jobs \(fast.state.rawValue) and \(baseline.state.rawValue).")

        report.exports = try await report.time("auditor: export the access log") {
            try await exportAudit(auditor)
        }
        say("Audit log exported.")
    }

    private func adminSetUp(_ admin: HavenClient) async throws -> (HavenClient, HavenClient, String) {
        let _: ProjectAPI.View = try await admin.post(
            "/v1/projects", ProjectAPI.Create(name: "spine-ct", description: "Spine segmentation from CT"))
        let researcher: UserAPI.Created = try await admin.post("/v1/users", UserAPI.Create(name: "researcher"))
        let auditor: UserAPI.Created = try await admin.post("/v1/users", UserAPI.Create(name: "auditor"))
        let _: ProjectAPI.Member = try await admin.post(
            "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "researcher", role: .researcher))
        let _: ProjectAPI.Member = try await admin.post(
            "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "auditor", role: .auditor))
        let _: ProjectAPI.Storage = try await admin.post(
            "/v1/projects/spine-ct/storage", ProjectAPI.CreateStorage(name: "images"))
        var poolRequest = PoolAPI.Create(name: "local", driver: "local", gpuModel: nil, gpusPerNode: 0)
        poolRequest.maxConcurrentJobs = 2
        let pool: PoolAPI.View = try await admin.post("/v1/pools", poolRequest)
        return (admin.with(token: researcher.token), admin.with(token: auditor.token), pool.device)
    }

    private func importSamples(_ researcher: HavenClient) async throws -> [ObjectAPI.View] {
        var stored: [ObjectAPI.View] = []
        for (file, path) in Self.imports {
            let source = samples.appending(path: file)
            guard let data = FileManager.default.contents(atPath: source.path) else {
                throw DemoError("the sample file \(source.path) is missing; run the demo from a clone of Haven")
            }
            stored.append(
                try await researcher.put("/v1/projects/spine-ct/objects/" + path, data: data, sha256: SHA256.hex(data)))
        }
        return stored
    }

    private func evaluations(_ researcher: HavenClient, inferenceJob: JobAPI.View) async throws
        -> (JobAPI.View, JobAPI.View)
    {
        let fast = try await submit(
            researcher,
            JobAPI.Submit(
                kind: .evaluate, runtime: "dice-evaluation", pool: "local",
                inputs: ["labels/example_seg.nii.gz", "labels/example_seg_fast.nii.gz"],
                parameters: ["labels": .array(Self.vertebraLabels.map { .number(Double($0)) })]))
        let baseline = try await submit(
            researcher,
            JobAPI.Submit(
                kind: .evaluate, runtime: "dice-evaluation", pool: "local",
                inputs: ["labels/example_seg.nii.gz", inferenceJob.outputPrefix + "/bone-mask.nii.gz"],
                parameters: [
                    "referenceMerge": .array(Self.vertebraLabels.map { .number(Double($0)) }),
                    "labels": .array([.number(1)]),
                ]))
        return (try await wait(researcher, for: fast), try await wait(researcher, for: baseline))
    }

    private func runJob(_ client: HavenClient, _ body: JobAPI.Submit) async throws -> JobAPI.View {
        try await wait(client, for: try await submit(client, body))
    }

    private func submit(_ client: HavenClient, _ body: JobAPI.Submit) async throws -> JobAPI.View {
        try await client.post("/v1/projects/spine-ct/jobs", body)
    }

    /// Polls the job until it ends; the demo's jobs take seconds, so ten minutes means something is wrong.
    private func wait(_ client: HavenClient, for job: JobAPI.View) async throws -> JobAPI.View {
        var current = job
        let deadline = ContinuousClock.now + .seconds(600)
        while !current.state.isFinal {
            guard ContinuousClock.now < deadline else {
                throw DemoError(
                    "job \(job.id) is still \(current.state.rawValue) after ten minutes: \(current.message)")
            }
            try await Task.sleep(for: .milliseconds(100))
            current = try await client.get("/v1/jobs/" + job.id)
        }
        guard current.state == .succeeded else {
            throw DemoError("job \(job.id) (\(job.runtime)) ended \(current.state.rawValue): \(current.message)")
        }
        return current
    }

    private func exportAudit(_ auditor: HavenClient) async throws -> [String: URL] {
        var files: [String: URL] = [:]
        for format in ["jsonl", "csv"] {
            let data = try await auditor.data("/v1/projects/spine-ct/audit?format=" + format)
            let file = configuration.home.appending(path: "exports/spine-ct-audit." + format)
            try data.write(to: file)
            files[format] = file
        }
        return files
    }
}
