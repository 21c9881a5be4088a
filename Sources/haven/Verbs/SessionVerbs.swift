import Foundation
import HavenCore
import HavenServices

/// Interactive GPU sessions: start, list, show, connect, extend and stop.
enum SessionVerbs {
    static let all: [Verb] = [start, list, show, connect, extend, stop]

    static let start: Verb = Verb(
        words: "session start",
        summary: "Start an interactive GPU session (jupyter, slicer or shell) in a project, for a number of hours.",
        usage: """
            session start --project PROJECT --app jupyter|slicer|shell --hours H [--gpus N] [--pool POOL]
                    [--inputs PATH,...] [--endpoint NAME] [--no-wait] [--output json]
            """,
        details: """
            Policy decides who may start sessions, how long they may last and how long they may stay idle. Without
            --pool the only node pool is used. The verb waits until the session is ready to connect to, unless
            --no-wait is given; then `haven session connect SESSION` connects (only the requester can).
            """,
        options: ["project", "app", "hours", "gpus", "pool", "inputs", "endpoint"], flags: ["no-wait"]
    ) { arguments, environment in
        let client = try environment.client(arguments)
        guard let project = arguments.options["project"] else { throw CLIError.usage("missing --project", verb: start) }
        let appName = arguments.options["app"] ?? ""
        guard let app = SessionApp(rawValue: appName) else {
            throw CLIError.usage("--app is `\(appName)`; give jupyter, slicer or shell", verb: start)
        }
        guard let hoursText = arguments.options["hours"] else {
            throw CLIError.usage("missing --hours: how long the session may run", verb: start)
        }
        let hours = try hours(hoursText, verb: start)
        let gpus: Int = try arguments.options["gpus"].map { try ResearcherVerbs.number($0, "--gpus", verb: start) } ?? 0
        let pool = try await poolName(arguments.options["pool"], client: client)
        let body = SessionAPI.Start(
            app: app, pool: pool, hours: hours, gpus: gpus, endpoint: arguments.options["endpoint"],
            inputs: arguments.options["inputs"].map { $0.split(separator: ",").map(String.init) })
        var session: SessionAPI.View = try await client.post("/v1/projects/\(project)/sessions", body)
        if !arguments.flags.contains("no-wait") { session = try await ready(session, client: client) }
        if arguments.wantsJSON { try Output.json(session) }
        if session.state.isFinal {
            throw CLIError.failure("session \(session.id) ended \(session.state.rawValue): \(session.message)")
        }
        if arguments.wantsJSON { return }
        describe(session)
        if session.ready { Console.line("connect with: haven session connect \(session.id)") }
    }

    static let list: Verb = Verb(
        words: "session list", summary: "List a project's interactive sessions.",
        usage: "session list --project PROJECT [--output json]", options: ["project"]
    ) { arguments, environment in
        guard let project = arguments.options["project"] else { throw CLIError.usage("missing --project", verb: list) }
        let sessions: [SessionAPI.View] = try await environment.client(arguments).get(
            "/v1/projects/\(project)/sessions")
        try Output.list(sessions, arguments, header: ["ID", "APP", "STATE", "GPUS", "ENDS", "BY"]) {
            [$0.id, $0.app.rawValue, $0.state.rawValue, String($0.gpus), endText($0), $0.requestedBy]
        }
    }

    static let show: Verb = Verb(
        words: "session show", summary: "Show one interactive session.", usage: "session show SESSION [--output json]"
    ) { arguments, environment in
        let id = try sessionID(arguments, verb: show)
        let session: SessionAPI.View = try await environment.client(arguments).get("/v1/sessions/" + id)
        if arguments.wantsJSON { return try Output.json(session) }
        describe(session)
    }

    static let extend: Verb = Verb(
        words: "session extend", summary: "Move your session's end time later, when policy allows.",
        usage: "session extend SESSION --hours H [--output json]", options: ["hours"]
    ) { arguments, environment in
        let id = try sessionID(arguments, verb: extend)
        guard let text = arguments.options["hours"] else { throw CLIError.usage("missing --hours", verb: extend) }
        let hours = try hours(text, verb: extend)
        let session: SessionAPI.View = try await environment.client(arguments).post(
            "/v1/sessions/\(id)/extend", SessionAPI.Extend(hours: hours))
        if arguments.wantsJSON { return try Output.json(session) }
        describe(session)
    }

    static let stop: Verb = Verb(
        words: "session stop", summary: "End a session: its app, shells and connections stop.",
        usage: "session stop SESSION"
    ) { arguments, environment in
        let id = try sessionID(arguments, verb: stop)
        let job: JobAPI.View = try await environment.client(arguments).post(
            "/v1/jobs/\(id)/cancel", [String: String]())
        Console.line("session \(id) \(job.state.rawValue)")
    }

    static let connect: Verb = Verb(
        words: "session connect",
        summary: "Connect to your session: a shell on this terminal, or a browser app on a local port.",
        usage: "session connect SESSION [--port N] [--print] [--output json]",
        details: """
            Asks Haven for the session's address and a one-time token (given to the session's requester only).
            A shell session takes over this terminal until the shell exits. A jupyter or slicer session listens on
            127.0.0.1:N (8888 by default; --port 0 takes a free port) until interrupted. --print shows the address
            and token instead, for a client of your own; the token lets one connection in, once, within five
            minutes.
            """,
        options: ["port"], flags: ["print"]
    ) { arguments, environment in
        let id = try sessionID(arguments, verb: connect)
        let wanted = try arguments.options["port"].map { try localPort($0) }
        let client = try environment.client(arguments)
        // Checked before a token is asked for: each one asked for is recorded.
        let session: SessionAPI.View = try await client.get("/v1/sessions/" + id)
        if !session.app.servesBrowser, wanted != nil {
            throw CLIError.usage(
                "--port forwards a browser app, and session \(id) is a shell, which takes over this terminal;"
                    + " leave out --port", verb: connect)
        }
        let connection: SessionAPI.Connection = try await client.post("/v1/sessions/\(id)/connect", [String: String]())
        if arguments.wantsJSON { return try Output.json(connection) }
        if arguments.flags.contains("print") {
            Console.line("address: \(connection.address)\ntoken: \(connection.token)")
            return
        }
        let tunnel = try await SessionTunnel.redeem(connection)
        guard connection.app.servesBrowser else {
            return try await SessionTunnel.onThread { try tunnel.attachTerminal() }
        }
        let port: UInt16
        do {
            port = try tunnel.forward(localPort: wanted ?? 8888)
        } catch {
            throw CLIError.failure(
                "\(error); give another --port, or --port 0 for a free one, and connect again")
        }
        Console.line("session \(id): open http://127.0.0.1:\(port)/ in a browser; Ctrl-C closes the tunnel")
        while true {
            try await Task.sleep(for: .seconds(5))
            let session: SessionAPI.View = try await client.get("/v1/sessions/" + id)
            if session.state.isFinal { return Console.line("session \(id) \(session.state.rawValue)") }
        }
    }

    /// The SESSION argument, which must be a session id.
    private static func sessionID(_ arguments: Arguments, verb: Verb) throws -> String {
        let id = try arguments.positional(0, "SESSION", verb: verb)
        guard UUID(uuidString: id) != nil else {
            throw CLIError.usage("`\(id)` is not a session id; `haven session list` shows them", verb: verb)
        }
        return id
    }

    /// Hours from `text`: a finite number.
    private static func hours(_ text: String, verb: Verb) throws -> Double {
        let value: Double = try ResearcherVerbs.number(text, "--hours", verb: verb)
        guard value.isFinite, value > 0 else {
            throw CLIError.usage("--hours is `\(text)`; give a number of hours above 0", verb: verb)
        }
        return value
    }

    /// A local port from `text`: 0 to 65535, 0 for any free one.
    private static func localPort(_ text: String) throws -> UInt16 {
        guard let port = UInt16(text) else {
            throw CLIError.usage(
                "--port is `\(text)`; give a port number from 0 to 65535 (0 takes a free one)", verb: connect)
        }
        return port
    }

    /// The pool named, or the only one there is.
    private static func poolName(_ named: String?, client: HavenClient) async throws -> String {
        if let named { return named }
        let pools: [PoolAPI.View] = try await client.get("/v1/pools")
        guard pools.count == 1 else {
            let names = pools.map(\.name).joined(separator: ", ")
            throw CLIError.usage(
                "there are \(pools.count) node pools (\(names)); name one with --pool", verb: start)
        }
        return pools[0].name
    }

    /// Polls until the session can be connected to or has ended, saying on standard error what it waits for.
    private static func ready(_ session: SessionAPI.View, client: HavenClient) async throws -> SessionAPI.View {
        var current = session
        var said: JobState?
        while !current.ready && !current.state.isFinal {
            if said != current.state {
                said = current.state
                let what =
                    current.state == .admitted
                    ? await placeText(pool: session.pool, client: client) : "its app and gateway"
                FileHandle.standardError.write(
                    Data("session \(session.id) \(current.state.rawValue): waiting for \(what)\n".utf8))
            }
            try await Task.sleep(for: .milliseconds(250))
            current = try await client.get("/v1/sessions/" + session.id)
        }
        return current
    }

    /// What a session waits for before it is placed: room on its pool, which may be running all it may.
    private static func placeText(pool name: String, client: HavenClient) async -> String {
        let pools = try? await client.get("/v1/pools", as: [PoolAPI.View].self)
        guard let pool = pools?.first(where: { $0.name == name }), pool.limitsJobs else {
            return "a node"
        }
        return "a place on pool \(name), which runs at most \(pool.maxConcurrentJobs) job(s) at once"
            + " (`haven job list PROJECT` shows what runs; an admin can make a pool with more room: `haven pool create"
            + " NAME --max-jobs N`)"
    }

    private static func describe(_ session: SessionAPI.View) {
        Console.line(
            """
            session \(session.id) (\(session.app.rawValue), \(session.gpus) GPU(s)) in \(session.project): \
            \(session.state.rawValue)
            ends: \(endText(session)); idle limit \(session.idleMinutes) min; requested by \(session.requestedBy)
            """)
        if !session.message.isEmpty { Console.line("message: " + session.message) }
    }

    private static func endText(_ session: SessionAPI.View) -> String {
        if session.state.isFinal { return "ended (\(session.state.rawValue))" }
        return session.endsAt.map { ISO8601DateFormatter().string(from: $0) } ?? "\(session.hours) h after it starts"
    }
}
