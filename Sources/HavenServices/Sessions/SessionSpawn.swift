import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Starts a session's processes so that a stop reaches them. The runner ignores SIGTERM, SIGINT and SIGPIPE
/// (it handles them itself) and its threads block most signals; a child would inherit both and shrug off the
/// runner's SIGTERM. So each child starts from a thread with no signal blocked, through `env --default-signal`,
/// which puts the ignored signals back to their defaults.
enum SessionSpawn {
    static let env = URL(filePath: "/usr/bin/env")

    /// Points `process` at `env --default-signal=... commandLine...`.
    static func wrap(_ process: Process, _ commandLine: [String]) {
        process.executableURL = env
        process.arguments = ["--default-signal=HUP,INT,PIPE,TERM"] + commandLine
    }

    /// Runs `process.run()` on a new thread whose signal mask is empty, and waits for it.
    static func run(_ process: Process) throws {
        let box = ProcessBox(process)
        let outcome = OutcomeBox()
        let done = DispatchSemaphore(value: 0)
        Thread {
            var none = sigset_t()
            sigemptyset(&none)
            pthread_sigmask(SIG_SETMASK, &none, nil)
            do { try box.process.run() } catch { outcome.error = error }
            done.signal()
        }.start()
        done.wait()
        if let error = outcome.error { throw error }
    }
}
