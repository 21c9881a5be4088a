import Foundation
import HavenCore
import HavenCrypto
import HavenServices

/// Researcher verbs: data in and out of a project's storage, and jobs.
enum ResearcherVerbs {
    static let all: [Verb] = DataVerbs.all + [jobSubmit, jobShow, jobList, jobCancel, jobRun]

    static let jobSubmit: Verb = Verb(
        words: "job submit", summary: "Submit a job to a node pool.",
        usage: "job submit PROJECT --kind infer|evaluate|train --runtime NAME --pool NAME --inputs PATH[,PATH...] "
            + "[--parameters JSON] [--model NAME:VERSION] [--secrets NAME[,NAME...]] [--secrets-as file|environment] "
            + "[--gpus N] [--hours H] [--idempotency-key KEY]",
        options: [
            "kind", "runtime", "pool", "inputs", "parameters", "endpoint", "model", "secrets", "secrets-as", "gpus",
            "hours", "idempotency-key",
        ]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: jobSubmit)
        func required(_ name: String) throws -> String {
            guard let value = arguments.options[name] else {
                throw CLIError.usage("missing --\(name)", verb: jobSubmit)
            }
            return value
        }
        guard let kind = JobKind(rawValue: try required("kind")) else {
            throw CLIError.usage("--kind must be infer, evaluate or train", verb: jobSubmit)
        }
        var parameters: [String: JSONValue]?
        if let text = arguments.options["parameters"] {
            do {
                parameters = try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
            } catch {
                throw CLIError.usage("--parameters is not a JSON object: \(error)", verb: jobSubmit)
            }
        }
        let body = JobAPI.Submit(
            kind: kind, runtime: try required("runtime"), pool: try required("pool"),
            endpoint: arguments.options["endpoint"],
            inputs: try required("inputs").split(separator: ",").map(String.init), parameters: parameters,
            model: arguments.options["model"], secrets: try secretUses(arguments),
            gpus: try arguments.options["gpus"].map { try number($0, "--gpus", verb: jobSubmit) },
            hours: try arguments.options["hours"].map { try number($0, "--hours", verb: jobSubmit) },
            idempotencyKey: arguments.options["idempotency-key"])
        let job: JobAPI.View = try await environment.client(arguments).post("/v1/projects/\(project)/jobs", body)
        if arguments.wantsJSON { return try Output.json(job) }
        Console.line("Submitted job \(job.id) (\(job.state.rawValue)).")
    }

    /// `text` as a number for option `name`, or a usage error naming the option.
    static func number<N: LosslessStringConvertible>(_ text: String, _ name: String, verb: Verb) throws -> N {
        guard let value = N(text) else { throw CLIError.usage("\(name) is `\(text)`; give a number", verb: verb) }
        return value
    }

    static let jobShow: Verb = Verb(
        words: "job show", summary: "Show one job.", usage: "job show JOB [--output json]"
    ) { arguments, environment in
        let id = try arguments.positional(0, "JOB", verb: jobShow)
        let job: JobAPI.View = try await environment.client(arguments).get("/v1/jobs/" + id)
        if arguments.wantsJSON { return try Output.json(job) }
        Console.line("job \(job.id)\n  \(job.kind.rawValue) with \(job.runtime) on \(job.pool) (\(job.device ?? "-"))")
        Console.line("  state \(job.state.rawValue), progress \(Int(job.progress * 100))%: \(job.message)")
    }

    static let jobList: Verb = Verb(
        words: "job list", summary: "List a project's jobs.", usage: "job list PROJECT [--output json]"
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: jobList)
        let jobs: [JobAPI.View] = try await environment.client(arguments).get("/v1/projects/\(project)/jobs")
        try Output.list(jobs, arguments, header: ["ID", "KIND", "RUNTIME", "STATE", "SUBMITTED BY"]) {
            [$0.id, $0.kind.rawValue, $0.runtime, $0.state.rawValue, $0.submittedBy]
        }
    }

    static let jobCancel: Verb = Verb(
        words: "job cancel", summary: "Cancel a queued or running job; its runner is stopped and its token ends.",
        usage: "job cancel JOB [--output json]"
    ) { arguments, environment in
        let id = try arguments.positional(0, "JOB", verb: jobCancel)
        let job: JobAPI.View = try await environment.client(arguments).post(
            "/v1/jobs/\(id)/cancel", [String: String]())
        if arguments.wantsJSON { return try Output.json(job) }
        Console.line("job \(job.id) \(job.state.rawValue)")
    }

    static let jobRun: Verb = Verb(
        words: "job run", summary: "Run one job on this node (started by a node pool, with the job's token).",
        usage: "job run JOB",
        details: "Reads HAVEN_URL, HAVEN_TOKEN (the job token) and HAVEN_WORK_DIR from the environment."
    ) { arguments, environment in
        let id = try arguments.positional(0, "JOB", verb: jobRun)
        let work =
            environment.workDirectory.map { URL(filePath: $0) }
            ?? FileManager.default.temporaryDirectory.appending(path: "haven-job-" + id)
        let runner = JobRunner(
            client: try environment.client(arguments), jobID: id, workDirectory: work,
            logger: environment.logger("haven.job"))
        let state = try await runner.run()
        Console.line("job \(id) \(state.rawValue)")
        // A session ends by being stopped, reaching its end time or going idle; only a failure is an error.
        guard [.succeeded, .cancelled, .timedOut].contains(state) else {
            throw CLIError.failure("job \(id) ended \(state.rawValue)")
        }
    }

    /// The `--secrets` the job declares, each delivered as `--secrets-as` says (a file by default).
    private static func secretUses(_ arguments: Arguments) throws -> [SecretAPI.Use]? {
        guard let names = arguments.options["secrets"] else { return nil }
        let deliveryName = arguments.options["secrets-as"] ?? "file"
        guard let delivery = SecretAPI.Delivery(rawValue: deliveryName) else {
            throw CLIError.usage("--secrets-as is `\(deliveryName)`; use file or environment", verb: jobSubmit)
        }
        return names.split(separator: ",").map { SecretAPI.Use(name: String($0), delivery: delivery) }
    }

    static func endpointQuery(_ arguments: Arguments) -> String {
        arguments.options["endpoint"].map { "?endpoint=" + queryValue($0) } ?? ""
    }

    /// An object path checked here by the server's own rule, so that URL handling can never change its meaning.
    static func objectPath(_ path: String, verb: Verb) throws -> String {
        if let problem = ObjectPath.problem(in: path) { throw CLIError.usage(problem, verb: verb) }
        return path
    }

    /// A query value with everything but unreserved characters percent-encoded.
    static func queryValue(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))
            ?? ""
    }
}
