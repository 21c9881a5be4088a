import Foundation
import HavenCore
import HavenServices

/// Admin verbs: users, projects and their members and storage, node pools. They go through the HTTP API.
enum AdminVerbs {
    static let all: [Verb] = [
        userCreate, userList, projectCreate, projectList, projectAddMember, storageCreate, poolCreate, poolList,
    ]

    static let userCreate: Verb = Verb(
        words: "user create", summary: "Create a user and print their first API token (shown once).",
        usage: "user create NAME [--admin]", flags: ["admin"]
    ) { arguments, environment in
        let name = try arguments.positional(0, "NAME", verb: userCreate)
        let created: UserAPI.Created = try await environment.client(arguments).post(
            "/v1/users", UserAPI.Create(name: name, isAdmin: arguments.flags.contains("admin")))
        if arguments.wantsJSON { return try Output.json(created) }
        Console.line("Created user \(created.user.name). Their token, shown only this once:")
        Console.line(created.token)
    }

    static let userList: Verb = Verb(words: "user list", summary: "List users.", usage: "user list [--output json]") {
        arguments, environment in
        let users: [UserAPI.View] = try await environment.client(arguments).get("/v1/users")
        try Output.list(users, arguments, header: ["NAME", "ADMIN", "DISABLED", "ID"]) {
            [$0.name, $0.isAdmin ? "yes" : "no", $0.disabled ? "yes" : "no", $0.id]
        }
    }

    static let projectCreate: Verb = Verb(
        words: "project create", summary: "Create a project.", usage: "project create NAME [--description TEXT]",
        options: ["description"]
    ) { arguments, environment in
        let name = try arguments.positional(0, "NAME", verb: projectCreate)
        let project: ProjectAPI.View = try await environment.client(arguments).post(
            "/v1/projects", ProjectAPI.Create(name: name, description: arguments.options["description"]))
        if arguments.wantsJSON { return try Output.json(project) }
        Console.line("Created project \(project.name) (\(project.id)).")
    }

    static let projectList: Verb = Verb(
        words: "project list", summary: "List the projects you can see.", usage: "project list [--output json]"
    ) { arguments, environment in
        let projects: [ProjectAPI.View] = try await environment.client(arguments).get("/v1/projects")
        try Output.list(projects, arguments, header: ["NAME", "ID", "DESCRIPTION"]) {
            [$0.name, $0.id, $0.description]
        }
    }

    static let projectAddMember: Verb = Verb(
        words: "project add-member", summary: "Give a user a role in a project.",
        usage: "project add-member PROJECT USER ROLE",
        details: "ROLE is one of " + ProjectRole.allCases.map(\.rawValue).joined(separator: ", ") + "."
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: projectAddMember)
        let user = try arguments.positional(1, "USER", verb: projectAddMember)
        let roleName = try arguments.positional(2, "ROLE", verb: projectAddMember)
        guard let role = ProjectRole(rawValue: roleName) else {
            throw CLIError.usage("ROLE is `\(roleName)`; \(projectAddMember.details)", verb: projectAddMember)
        }
        let member: ProjectAPI.Member = try await environment.client(arguments).post(
            "/v1/projects/\(project)/members", ProjectAPI.AddMember(user: user, role: role))
        Console.line("\(member.user) is now \(member.role.rawValue) in \(project).")
    }

    static let storageCreate: Verb = Verb(
        words: "storage create", summary: "Add a filesystem or S3 storage endpoint to a project.",
        usage: "storage create PROJECT NAME [--path FOLDER | --s3-url URL --bucket NAME [--region R] [--prefix P]]",
        details: """
            FOLDER is on the server; by default a folder under HAVEN_HOME/storage. With --s3-url the endpoint is an
            S3-compatible bucket; its access key ID and secret key are read from standard input, one per line, and
            are sealed by the server, never shown again.
            """,
        options: ["path", "s3-url", "bucket", "region", "prefix"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: storageCreate)
        let name = try arguments.positional(1, "NAME", verb: storageCreate)
        var body = ProjectAPI.CreateStorage(name: name, path: arguments.options["path"])
        if let url = arguments.options["s3-url"] {
            guard let bucket = arguments.options["bucket"] else {
                throw CLIError.usage("--s3-url needs --bucket", verb: storageCreate)
            }
            let lines = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            guard lines.count >= 2 else {
                throw CLIError.data("give the access key ID and the secret key on standard input, one per line")
            }
            body.kind = "s3"
            body.s3 = ProjectAPI.S3(
                url: url, bucket: bucket, region: arguments.options["region"], prefix: arguments.options["prefix"],
                accessKeyID: lines[0], secretAccessKey: lines[1])
        }
        let storage: ProjectAPI.Storage = try await environment.client(arguments).post(
            "/v1/projects/\(project)/storage", body)
        if arguments.wantsJSON { return try Output.json(storage) }
        Console.line("Created storage \(storage.name) at \(storage.path).")
    }

    static let poolCreate: Verb = Verb(
        words: "pool create",
        summary: "Create a node pool (driver `local`: this machine; `agent`: machines running `haven agent`).",
        usage: "pool create NAME [--driver local|agent] [--gpu-model MODEL] [--gpus N] [--max-jobs N]",
        details: """
            --gpus is the GPU count of each node; --max-jobs how many jobs and sessions the pool runs at once (1 by
            default for `local`, no limit for `agent`).
            """,
        options: ["driver", "gpu-model", "gpus", "max-jobs"]
    ) { arguments, environment in
        let name = try arguments.positional(0, "NAME", verb: poolCreate)
        var body = PoolAPI.Create(
            name: name, driver: arguments.options["driver"] ?? "local", gpuModel: arguments.options["gpu-model"])
        if let gpus = arguments.options["gpus"] {
            guard let count = Int(gpus), count >= 0 else {
                throw CLIError.usage("--gpus is `\(gpus)`; give a whole number, 0 or more", verb: poolCreate)
            }
            body.gpusPerNode = count
        }
        if let text = arguments.options["max-jobs"] {
            guard let count = Int(text), count > 0 else {
                throw CLIError.usage("--max-jobs is `\(text)`; give a whole number, 1 or more", verb: poolCreate)
            }
            body.maxConcurrentJobs = count
        }
        let pool: PoolAPI.View = try await environment.client(arguments).post("/v1/pools", body)
        if arguments.wantsJSON { return try Output.json(pool) }
        Console.line("Created pool \(pool.name); its jobs run on \(pool.device) here.")
    }

    static let poolList: Verb = Verb(
        words: "pool list", summary: "List node pools.", usage: "pool list [--output json]"
    ) {
        arguments, environment in
        let pools: [PoolAPI.View] = try await environment.client(arguments).get("/v1/pools")
        try Output.list(pools, arguments, header: ["NAME", "DRIVER", "GPUS", "MAX JOBS", "DEVICE"]) {
            [
                $0.name, $0.driver, String($0.gpusPerNode),
                $0.limitsJobs ? String($0.maxConcurrentJobs) : "no limit", $0.device,
            ]
        }
    }
}
