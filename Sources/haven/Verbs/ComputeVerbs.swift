import Foundation
import HavenCore
import HavenServices

/// Compute verbs: agent nodes, join tokens, and what a project's jobs used.
enum ComputeVerbs {
    static let all: [Verb] = [agent, joinToken, usage, jobLogs]

    static let jobLogs: Verb = Verb(
        words: "job logs", summary: "Print a job's runner log; with -f (--follow), keep printing until the job ends.",
        usage: "job logs JOB [-f | --follow]", flags: ["follow"]
    ) { arguments, environment in
        let words = arguments.positional.filter { $0 != "-f" }
        guard let id = words.first else { throw CLIError.usage("missing JOB", verb: jobLogs) }
        let follow = arguments.flags.contains("follow") || arguments.positional.contains("-f")
        let client = try environment.client(arguments)
        var offset = 0
        var ended = false
        while true {
            let chunk = try await client.data("/v1/jobs/\(id)/log?offset=\(offset)")
            FileHandle.standardOutput.write(chunk)
            offset += chunk.count
            if !chunk.isEmpty { continue }
            // Once the job has ended, one more read takes what its runner wrote last.
            guard follow, !ended else { return }
            let job: JobAPI.View = try await client.get("/v1/jobs/" + id)
            ended = job.state.isFinal
            if !ended { try await Task.sleep(for: .milliseconds(500)) }
        }
    }

    static let agent: Verb = Verb(
        words: "agent", summary: "Join an agent pool as a GPU node and run the jobs placed on it.",
        usage: "agent --url URL --name NODE [--work DIR] [--lease SECONDS] [--heartbeat SECONDS] [--runner PATH]"
            + " [--gpu-devices LIST]",
        details: """
            Reads the single-use join token from HAVEN_JOIN_TOKEN (see `haven pool join-token`). Each runner gets GPU
            devices of its own in CUDA_VISIBLE_DEVICES, from every GPU nvidia-smi lists, or from --gpu-devices (or
            HAVEN_LOCAL_GPU_DEVICES) when given.
            """,
        options: ["name", "work", "lease", "heartbeat", "runner", "ca-file", "gpu-devices"]
    ) { arguments, environment in
        guard let url = arguments.options["url"] ?? environment.url else {
            throw CLIError.usage("missing --url", verb: agent)
        }
        guard let token = environment.joinToken else {
            throw CLIError.usage("set HAVEN_JOIN_TOKEN to a join token from `haven pool join-token`", verb: agent)
        }
        guard let name = arguments.options["name"] else { throw CLIError.usage("missing --name", verb: agent) }
        let runner =
            arguments.options["runner"].map { URL(filePath: $0) }
            ?? URL(filePath: "/proc/self/exe").resolvingSymlinksInPath()
        var configuration = NodeAgent.Configuration(
            serverURL: url, joinToken: token, name: name,
            workRoot: URL(filePath: arguments.options["work"] ?? environment.home.appending(path: "agent").path),
            runner: runner)
        if let lease = arguments.options["lease"] {
            configuration.leaseSeconds = try ResearcherVerbs.number(lease, "--lease", verb: agent)
        }
        if let beat = arguments.options["heartbeat"] {
            let seconds: Double = try ResearcherVerbs.number(beat, "--heartbeat", verb: agent)
            configuration.heartbeatInterval = .milliseconds(Int(seconds * 1000))
        }
        configuration.caFile = arguments.options["ca-file"] ?? environment.caFile
        configuration.gpuDevices = environment.localGPUDevices
        if let list = arguments.options["gpu-devices"] {
            guard let devices = GPUAssignments.parse(list) else {
                throw CLIError.usage(
                    "--gpu-devices is `\(list)`; give GPU indices with commas, such as `0,1`", verb: agent)
            }
            configuration.gpuDevices = devices
        }
        try await NodeAgent(configuration, logger: environment.logger("haven.agent")).run()
    }

    static let joinToken: Verb = Verb(
        words: "pool join-token", summary: "Make a single-use token for one machine to join an agent pool (admin).",
        usage: "pool join-token POOL [--output json]"
    ) { arguments, environment in
        let pool = try arguments.positional(0, "POOL", verb: joinToken)
        let token: AgentAPI.JoinToken = try await environment.client(arguments).post(
            "/v1/pools/\(pool)/join-tokens", [String: String]())
        if arguments.wantsJSON { return try Output.json(token) }
        Console.line(token.token)
    }

    static let usage: Verb = Verb(
        words: "usage", summary: "Show a project's GPU-hours per user for a month, from the jobs' real run times.",
        usage: "usage --project PROJECT [--month YYYY-MM] [--output json]", options: ["project", "month"]
    ) { arguments, environment in
        guard let project = arguments.options["project"] else {
            throw CLIError.usage("missing --project", verb: usage)
        }
        let month = arguments.options["month"].map { "?month=" + $0 } ?? ""
        let view: UsageAPI.View = try await environment.client(arguments).get(
            "/v1/projects/\(project)/usage" + month)
        if arguments.wantsJSON { return try Output.json(view) }
        try Output.list(view.users, arguments, header: ["USER", "ATTEMPTS", "GPU-HOURS"]) {
            [$0.user, String($0.attempts), String(format: "%.3f", $0.gpuHours)]
        }
        Console.line("total \(String(format: "%.3f", view.totalGPUHours)) GPU-hours in \(view.month ?? "this month")")
    }
}
