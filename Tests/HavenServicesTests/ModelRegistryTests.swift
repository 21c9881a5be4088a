import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

/// The model registry through the HTTP API of a real server: registration, an attached evaluation report, the
/// lifecycle with its rights, and inference jobs that name a model version.
@Suite(.timeLimit(.minutes(5))) struct ModelRegistryTests {
    let registerBody = ModelAPI.Register(
        name: "spine-seg", version: "1.0", runtime: "bone-threshold-baseline", trainingJob: "slurm:4711",
        dataset: "totalsegmentator-example", objects: ["models/spine-seg/1.0/weights.pt"])

    @Test func aModelIsRegisteredEvaluatedPromotedAndRetired() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, auditor) = try await test.projectWithMembers()
        let owner = try await addOwner(test)
        try await TestServer.upload(
            ["example_seg.nii.gz", "example_seg_fast.nii.gz", "example_ct_sm.nii.gz"], as: researcher)
        let models = "/v1/projects/spine-ct/models"

        let registered: ModelAPI.View = try await researcher.post(models, registerBody)
        #expect(registered.state == .candidate)
        #expect(registered.trainingJob == "slurm:4711")
        #expect(registered.objects == ["models/spine-seg/1.0/weights.pt"])
        await #expect { let _: ModelAPI.View = try await researcher.post(models, registerBody) } throws: {
            ($0 as? HavenClientError)?.status == 409
        }

        // Attach the report of a finished evaluation job.
        let submitted: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs", TestServer.fastVersusFull(labels: [33]))
        let evaluation = try await TestServer.finished(submitted, as: researcher)
        #expect(evaluation.state == .succeeded, "\(evaluation.message)")
        let attached: ModelAPI.View = try await researcher.post(
            models + "/spine-seg:1.0/evaluations", ModelAPI.Attach(job: evaluation.id))
        #expect(attached.evaluations.map(\.job) == [evaluation.id])
        #expect(attached.evaluations.map(\.reportPath) == [evaluation.outputPrefix + "/report.json"])

        // Researchers may not promote; the owner may.
        await #expect {
            let _: ModelAPI.View = try await researcher.post(
                models + "/spine-seg:1.0/transitions", ModelAPI.Transition(event: .promote))
        } throws: {
            ($0 as? HavenClientError)?.status == 403
        }
        let deployed: ModelAPI.View = try await owner.post(
            models + "/spine-seg:1.0/transitions", ModelAPI.Transition(event: .promote))
        #expect(deployed.state == .deployed)

        // An inference job may name the deployed version, and the job keeps it.
        let infer = JobAPI.Submit(
            kind: .infer, runtime: "bone-threshold-baseline", pool: "local", inputs: ["images/example_ct_sm.nii.gz"],
            model: "spine-seg:1.0")
        let inference: JobAPI.View = try await researcher.post("/v1/projects/spine-ct/jobs", infer)
        #expect(inference.model == "spine-seg:1.0")
        #expect(try await TestServer.finished(inference, as: researcher).state == .succeeded)

        let retired: ModelAPI.View = try await owner.post(
            models + "/spine-seg:1.0/transitions", ModelAPI.Transition(event: .retire))
        #expect(retired.state == .retired)
        #expect(retired.evaluations.count == 1)

        // Audited: registration, the attachment and both transitions, in order.
        let log = String(decoding: try await auditor.data("/v1/projects/spine-ct/audit?format=jsonl"), as: UTF8.self)
        // Ledger records (start, checkpoints) have a `type`; entries do not.
        let events = try log.split(separator: "\n").filter {
            (try? JSONDecoder().decode(LedgerRecord.self, from: Data($0.utf8))) == nil
        }.map {
            try JSONDecoder().decode(AuditEvent.self, from: Data($0.utf8))
        }
        let modelEvents = events.filter { $0.resource == "model:spine-seg:1.0" }
        #expect(
            modelEvents.map { "\($0.action) \($0.outcome.rawValue)" } == [
                "model.register success", "model.register success", "model.promote denied",
                "model.promote success", "model.promote success",
            ])
    }

    @Test func illegalTransitionsAndRetiredOrUnknownModelsAreRefused() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        let owner = try await addOwner(test)
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        let models = "/v1/projects/spine-ct/models"
        let _: ModelAPI.View = try await researcher.post(models, registerBody)

        // A job must run the model with the runtime it was registered with.
        var otherRuntime = JobAPI.Submit(
            kind: .infer, runtime: "dice-evaluation", pool: "local", inputs: ["images/example_ct_sm.nii.gz"],
            model: "spine-seg:1.0")
        await #expect {
            let _: JobAPI.View = try await researcher.post("/v1/projects/spine-ct/jobs", otherRuntime)
        } throws: { error in
            let error = error as? HavenClientError
            return error?.status == 400 && error?.description.contains("runs with `bone-threshold-baseline`") == true
        }
        otherRuntime.kind = .evaluate
        await #expect {
            let _: JobAPI.View = try await researcher.post("/v1/projects/spine-ct/jobs", otherRuntime)
        } throws: { error in
            let error = error as? HavenClientError
            return error?.status == 400 && error?.description.contains("only infer jobs") == true
        }

        // candidate -> retired directly, then nothing more.
        let retired: ModelAPI.View = try await owner.post(
            models + "/spine-seg:1.0/transitions", ModelAPI.Transition(event: .retire))
        #expect(retired.state == .retired)
        await #expect {
            let _: ModelAPI.View = try await owner.post(
                models + "/spine-seg:1.0/transitions", ModelAPI.Transition(event: .promote))
        } throws: { error in
            let error = error as? HavenClientError
            return error?.status == 409 && error?.description.contains("register a new version") == true
        }

        func infer(_ model: String) -> JobAPI.Submit {
            JobAPI.Submit(
                kind: .infer, runtime: "bone-threshold-baseline", pool: "local",
                inputs: ["images/example_ct_sm.nii.gz"], model: model)
        }
        await #expect {
            let _: JobAPI.View = try await researcher.post("/v1/projects/spine-ct/jobs", infer("spine-seg:1.0"))
        } throws: { error in
            let error = error as? HavenClientError
            return error?.status == 409 && error?.description.contains("spine-seg:1.0 is retired") == true
        }
        await #expect {
            let _: JobAPI.View = try await researcher.post("/v1/projects/spine-ct/jobs", infer("spine-seg:9"))
        } throws: { error in
            let error = error as? HavenClientError
            return error?.status == 404 && error?.description.contains("no model version `spine-seg:9`") == true
        }
        let jobs: [JobAPI.View] = try await researcher.get("/v1/projects/spine-ct/jobs")
        #expect(jobs.isEmpty)
    }

    @Test func onlyAFinishedSegmentationMetricsJobCanBeAttached() async throws {
        let test = try await TestServer.start()
        defer { Task { await test.server.shutdown() } }
        let (researcher, _) = try await test.projectWithMembers()
        try await TestServer.upload(["example_ct_sm.nii.gz"], as: researcher)
        let models = "/v1/projects/spine-ct/models"
        let _: ModelAPI.View = try await researcher.post(models, registerBody)

        let submitted: JobAPI.View = try await researcher.post(
            "/v1/projects/spine-ct/jobs",
            JobAPI.Submit(
                kind: .infer, runtime: "bone-threshold-baseline", pool: "local",
                inputs: ["images/example_ct_sm.nii.gz"]))
        let inference = try await TestServer.finished(submitted, as: researcher)
        await #expect {
            let _: ModelAPI.View = try await researcher.post(
                models + "/spine-seg:1.0/evaluations", ModelAPI.Attach(job: inference.id))
        } throws: { error in
            let error = error as? HavenClientError
            return error?.status == 400 && error?.description.contains("segmentation-metrics") == true
        }
    }

    /// Adds user `owner` as the project's owner and returns a client acting as them.
    private func addOwner(_ test: TestServer) async throws -> HavenClient {
        let owner: UserAPI.Created = try await test.admin.post("/v1/users", UserAPI.Create(name: "owner"))
        let _: ProjectAPI.Member = try await test.admin.post(
            "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "owner", role: .owner))
        return test.admin.with(token: owner.token)
    }
}
