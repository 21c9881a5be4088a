import Foundation
import HavenCore
import HavenServices

/// Data in and out of a project's storage, streamed from and to files, with a progress line on a terminal.
enum DataVerbs {
    static let all: [Verb] = [dataPut, dataGet, dataList, dataRemove]

    static let dataPut: Verb = Verb(
        words: "data put", summary: "Upload a file into a project's storage (NIfTI files are checked first).",
        usage: "data put PROJECT FILE [--as PATH] [--endpoint NAME] [--label-map]", options: ["as", "endpoint"],
        flags: ["label-map"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: dataPut)
        let file = URL(filePath: try arguments.positional(1, "FILE", verb: dataPut))
        guard FileManager.default.isReadableFile(atPath: file.path) else {
            throw CLIError.data("cannot read \(file.path); check the path and its permissions")
        }
        let path = try ResearcherVerbs.objectPath(
            arguments.options["as"] ?? file.lastPathComponent, verb: dataPut)
        let digest = try await FileDigest.sha256(of: file)
        let progress = ProgressLine(verb: "Uploading")
        let headers = arguments.flags.contains("label-map") ? ["X-Haven-Content": "label-map"] : [:]
        let object: ObjectAPI.View = try await environment.client(arguments).upload(
            "/v1/projects/\(project)/objects/\(path)" + ResearcherVerbs.endpointQuery(arguments), file: file,
            sha256: digest, headers: headers, progress: { progress.update(done: $0.sent, total: $0.sendTotal) })
        progress.finish()
        if arguments.wantsJSON { return try Output.json(object) }
        Console.line("Stored \(object.path) (\(object.size) bytes, SHA-256 \(object.sha256)).")
    }

    static let dataGet: Verb = Verb(
        words: "data get", summary: "Download an object from a project's storage; its SHA-256 is checked.",
        usage: "data get PROJECT PATH [--to FILE] [--endpoint NAME]", options: ["to", "endpoint"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: dataGet)
        let path = try ResearcherVerbs.objectPath(try arguments.positional(1, "PATH", verb: dataGet), verb: dataGet)
        let target = URL(filePath: arguments.options["to"] ?? URL(filePath: path).lastPathComponent)
        // The bytes land beside the target and take its name only once their SHA-256 matches.
        let partial = target.deletingLastPathComponent().appending(path: "." + target.lastPathComponent + ".part")
        defer { try? FileManager.default.removeItem(at: partial) }

        // A streamed body announces no length, so the size for the progress line comes from the listing.
        let client = try environment.client(arguments)
        var listing = "/v1/projects/\(project)/objects?prefix=" + ResearcherVerbs.queryValue(path)
        if let endpoint = arguments.options["endpoint"] {
            listing += "&endpoint=" + ResearcherVerbs.queryValue(endpoint)
        }
        let total = try await client.get(listing, as: [ObjectAPI.View].self).first { $0.path == path }?.size
        let progress = ProgressLine(verb: "Downloading")
        let download = try await client.downloadObject(
            "/v1/projects/\(project)/objects/\(path)" + ResearcherVerbs.endpointQuery(arguments), to: partial,
            progress: { progress.update(done: $0.received, total: total) })
        progress.finish()
        let digest = try await FileDigest.sha256(of: partial)
        guard digest == download.sha256 else {
            throw CLIError.failure(
                "the download of \(path) has SHA-256 \(digest), not the stored \(download.sha256 ?? "none"); "
                    + "nothing was written, try again")
        }
        guard rename(partial.path, target.path) == 0 else {
            throw CLIError.failure("cannot write \(target.path): \(String(cString: strerror(errno)))")
        }
        Console.line("Wrote \(target.path) (\(download.bytes) bytes, SHA-256 checked).")
    }

    static let dataList: Verb = Verb(
        words: "data ls", summary: "List objects in a project's storage.",
        usage: "data ls PROJECT [--prefix PREFIX] [--endpoint NAME] [--output json]", options: ["prefix", "endpoint"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: dataList)
        var query = "?prefix=" + ResearcherVerbs.queryValue(arguments.options["prefix"] ?? "")
        if let endpoint = arguments.options["endpoint"] { query += "&endpoint=" + ResearcherVerbs.queryValue(endpoint) }
        let objects: [ObjectAPI.View] = try await environment.client(arguments).get(
            "/v1/projects/\(project)/objects" + query)
        try Output.list(objects, arguments, header: ["PATH", "BYTES", "SHA-256"]) {
            [$0.path, String($0.size), String($0.sha256.prefix(16))]
        }
    }

    static let dataRemove: Verb = Verb(
        words: "data rm", summary: "Delete an object; its bytes are kept until the retention window ends.",
        usage: "data rm PROJECT PATH [--endpoint NAME]", options: ["endpoint"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: dataRemove)
        let path = try ResearcherVerbs.objectPath(
            try arguments.positional(1, "PATH", verb: dataRemove), verb: dataRemove)
        let response = try await environment.client(arguments).request(
            "DELETE", "/v1/projects/\(project)/objects/\(path)" + ResearcherVerbs.endpointQuery(arguments))
        let deleted = try APIJSON.decoder().decode(ObjectAPI.Deleted.self, from: response.body)
        if arguments.wantsJSON { return try Output.json(deleted) }
        Console.line("Deleted \(deleted.path); its bytes are kept until \(deleted.purgeAfter.ISO8601Format()).")
    }
}
