import CHavenShims
import Foundation
import HavenCore
import HavenCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a session's app on this node as the session's account, in its home, with none of the runner's
/// credentials in its environment: whoever uses the app must not act as the job.
struct SessionAppLauncher: Sendable {
    let app: SessionApp
    let account: SessionAccount
    /// Where the app's output goes: in the job's work folder, so that it outlives the session's home.
    let appLog: URL
    /// The runner's environment; `HAVEN_*` variables (the job token among them) are left out of the app's.
    let environment: [String: String]

    /// The environment every process of the session gets.
    var appEnvironment: [String: String] {
        var result = account.naming(environment.filter { !$0.key.hasPrefix("HAVEN_") })
        result["HOME"] = account.home.path
        result["PWD"] = account.home.path
        if result["TERM"] == nil { result["TERM"] = "xterm-256color" }
        return result
    }

    /// Starts the app, when it runs for the whole session, and says how to reach it; the process is `nil` for
    /// shells, which start per connection.
    func start() throws -> (target: SessionAppTarget, process: Process?) {
        switch app {
        case .shell:
            return (.shell, nil)
        case .jupyter:
            let folder = try privateFolder()
            let socket = folder.appending(path: "jupyter.sock").path
            // No token of Jupyter's own: the socket is reachable only through the gateway, by its owner.
            var arguments = [
                "lab", "--no-browser", "--ServerApp.sock=" + socket, "--ServerApp.sock_mode=0600",
                "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.root_dir=" + account.home.path,
            ]
            if geteuid() == 0, account.userID == nil { arguments.append("--allow-root") }
            do {
                return (.unixSocket(socket), try launch("jupyter", arguments, installHint: "JupyterLab"))
            } catch {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
        case .slicer:
            let port = try Self.freeLoopbackPort()
            let code = "from WebServer import WebServerLogic; WebServerLogic(port=\(port)).start()"
            var arguments = ["--no-splash", "--python-code", code]
            var command = "Slicer"
            if environment["DISPLAY"] == nil, executable("xvfb-run") != nil {
                arguments = ["-a", "Slicer"] + arguments
                command = "xvfb-run"
            }
            return (.loopbackPort(port), try launch(command, arguments, installHint: "3D Slicer"))
        }
    }

    /// Starts a login shell on a terminal of its own (through `script`, which every Debian system has); returns
    /// the descriptors this process writes the shell's input to and reads its output from, both to be closed.
    func shell() throws -> (process: Process, input: Int32, output: Int32) {
        let process = Process()
        if let script = executable("script") {
            SessionSpawn.wrap(process, account.commandLine(script, ["-qfec", "bash -l", "/dev/null"]))
        } else {
            SessionSpawn.wrap(process, account.commandLine(URL(filePath: "/bin/bash"), ["-il"]))
        }
        let input = try Self.pipe()
        let output = try Self.pipe()
        process.standardInput = FileHandle(fileDescriptor: input.read, closeOnDealloc: false)
        process.standardOutput = FileHandle(fileDescriptor: output.write, closeOnDealloc: false)
        process.standardError = FileHandle(fileDescriptor: output.write, closeOnDealloc: false)
        process.environment = appEnvironment
        process.currentDirectoryURL = account.home
        defer {
            close(input.read)
            close(output.write)
        }
        do {
            try SessionSpawn.run(process)
        } catch {
            close(input.write)
            close(output.read)
            throw error
        }
        return (process, input.write, output.read)
    }

    /// A pipe whose ends no other child inherits.
    private static func pipe() throws -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard haven_pipe_cloexec(&ends) == 0 else {
            throw SessionError("cannot make a pipe for a shell: \(String(cString: strerror(errno)))")
        }
        return (ends[0], ends[1])
    }

    private func launch(_ command: String, _ arguments: [String], installHint: String) throws -> Process {
        guard let executable = executable(command) else {
            throw SessionError(
                "this node has no `\(command)` on its PATH"
                    + (account.userID == nil ? "" : " that every user may run (sessions run as users of their own)")
                    + ", so it cannot run \(app.rawValue) sessions; install \(installHint) in the node's image"
                    + " for all users, or start a `shell` session")
        }
        let process = Process()
        SessionSpawn.wrap(process, account.commandLine(executable, arguments))
        process.environment = appEnvironment
        process.currentDirectoryURL = account.home
        _ = FileManager.default.createFile(atPath: appLog.path, contents: nil)
        let handle = try FileHandle(forWritingTo: appLog)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try SessionSpawn.run(process)
        return process
    }

    /// The executable `name` in the `PATH` of `environment` that the session's account may run: with a user id of
    /// its own, one that every user may reach and run (a tool installed under root's home folder is not).
    func executable(_ name: String) -> URL? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(filePath: String(folder)).appending(path: name)
            guard FileManager.default.isExecutableFile(atPath: candidate.path) else { continue }
            if account.userID == nil || Self.everyoneMayRun(candidate) { return candidate }
        }
        return nil
    }

    /// Whether `file`, its links followed, may be read and run by every user (a script is read by its
    /// interpreter), and every folder above it entered.
    static func everyoneMayRun(_ file: URL) -> Bool {
        var url = file.resolvingSymlinksInPath()
        var needed = S_IROTH | S_IXOTH
        while true {
            var info = stat()
            guard stat(url.path, &info) == 0, info.st_mode & needed == needed else { return false }
            if url.path == "/" { return true }
            url = url.deletingLastPathComponent()
            needed = S_IXOTH
        }
    }

    /// A new folder only the session's account can enter, with a path short enough for a Unix socket (108
    /// bytes at most).
    func privateFolder() throws -> URL {
        let folder = URL(filePath: "/tmp/haven-socket-" + SecureRandom.token(bytes: 6))
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        try account.give(folder)
        return folder
    }

    /// A loopback port nothing listens on right now.
    static func freeLoopbackPort() throws -> UInt16 {
        let probe = try StreamSocket.listen(host: "127.0.0.1", port: 0)
        defer { probe.close() }
        return probe.localPort
    }
}
