import Foundation
import HavenCore
import HavenCrypto

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a session's app on this node, with the session's work folder as its home and none of the runner's
/// credentials in its environment: whoever uses the app must not act as the job.
struct SessionAppLauncher: Sendable {
    let app: SessionApp
    let workDirectory: URL
    /// The runner's environment; `HAVEN_*` variables (the job token among them) are left out of the app's.
    let environment: [String: String]

    /// The environment every process of the session gets.
    var appEnvironment: [String: String] {
        var result = environment.filter { !$0.key.hasPrefix("HAVEN_") }
        result["HOME"] = workDirectory.path
        result["PWD"] = workDirectory.path
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
            let socket = try Self.privateFolder().appending(path: "jupyter.sock").path
            // No token of Jupyter's own: the socket is reachable only through the gateway, by its owner.
            var arguments = [
                "lab", "--no-browser", "--ServerApp.sock=" + socket, "--ServerApp.sock_mode=0600",
                "--ServerApp.token=", "--ServerApp.password=", "--ServerApp.root_dir=" + workDirectory.path,
            ]
            if geteuid() == 0 { arguments.append("--allow-root") }
            return (.unixSocket(socket), try launch("jupyter", arguments, installHint: "JupyterLab"))
        case .slicer:
            let port = try Self.freeLoopbackPort()
            let code = "from WebServer import WebServerLogic; WebServerLogic(port=\(port)).start()"
            var arguments = ["--no-splash", "--python-code", code]
            var command = "Slicer"
            if environment["DISPLAY"] == nil, Self.find("xvfb-run", in: environment) != nil {
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
        if let script = Self.find("script", in: environment) {
            SessionSpawn.wrap(process, executable: script, arguments: ["-qfec", "bash -l", "/dev/null"])
        } else {
            SessionSpawn.wrap(process, executable: URL(filePath: "/bin/bash"), arguments: ["-il"])
        }
        let input = try Self.pipe()
        let output = try Self.pipe()
        process.standardInput = FileHandle(fileDescriptor: input.read, closeOnDealloc: false)
        process.standardOutput = FileHandle(fileDescriptor: output.write, closeOnDealloc: false)
        process.standardError = FileHandle(fileDescriptor: output.write, closeOnDealloc: false)
        process.environment = appEnvironment
        process.currentDirectoryURL = workDirectory
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
        guard Glibc.pipe(&ends) == 0 else {
            throw SessionError("cannot make a pipe for a shell: \(String(cString: strerror(errno)))")
        }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return (ends[0], ends[1])
    }

    private func launch(_ command: String, _ arguments: [String], installHint: String) throws -> Process {
        guard let executable = Self.find(command, in: environment) else {
            throw SessionError(
                "this node has no `\(command)` on its PATH, so it cannot run \(app.rawValue) sessions; install"
                    + " \(installHint) in the node's image, or start a `shell` session")
        }
        let process = Process()
        SessionSpawn.wrap(process, executable: executable, arguments: arguments)
        process.environment = appEnvironment
        process.currentDirectoryURL = workDirectory
        let log = workDirectory.appending(path: "app.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try SessionSpawn.run(process)
        return process
    }

    /// The executable `name` in the `PATH` of `environment`.
    static func find(_ name: String, in environment: [String: String]) -> URL? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(filePath: String(folder)).appending(path: name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// A new folder only this user can enter, with a path short enough for a Unix socket (108 bytes at most).
    static func privateFolder() throws -> URL {
        let folder = URL(filePath: "/tmp/haven-session-" + SecureRandom.token(bytes: 6))
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        return folder
    }

    /// A loopback port nothing listens on right now.
    static func freeLoopbackPort() throws -> UInt16 {
        let probe = try StreamSocket.listen(host: "127.0.0.1", port: 0)
        defer { probe.close() }
        return probe.localPort
    }
}
