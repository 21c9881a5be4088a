import Foundation
import HavenCore
import HavenLogging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs one interactive session on this node: stages its inputs, starts its app, opens its gateway, tells Haven
/// where the gateway listens, and sends heartbeats with the gateway's idle time until Haven ends the session (a
/// stop, the end time, idle reaping or revoked access) or the runner is told to stop.
struct SessionRunner: Sendable {
    let client: HavenClient
    let job: JobAPI.View
    let workDirectory: URL
    let logger: Logger
    let environment: [String: String]

    /// Runs the session to its end and returns the state Haven gave it.
    func run(devices: String, stage: () async throws -> [URL]) async throws -> JobState {
        signal(SIGPIPE, SIG_IGN)
        let session: SessionAPI.View = try await client.get("/v1/sessions/" + job.id)
        _ = try await report(.init(kind: .started, message: "starting \(session.app.rawValue)", devices: devices))
        let account: SessionAccount
        do {
            account = try SessionAccount.make(jobID: job.id, workDirectory: workDirectory)
        } catch {
            logger.error("session account not made", [.error: "\(error)"])
            return try await report(.init(kind: .failed, message: JobRunner.userMessage(error))).state
        }
        // From here on, a stop of the runner ends whatever of the session has started.
        let teardown = SessionTeardown()
        teardown.add { account.end() }
        defer { teardown.run() }
        let signals = Self.stopOnSignal { teardown.run() }
        defer { signals.forEach { $0.cancel() } }
        let launcher = SessionAppLauncher(
            app: session.app, account: account, appLog: workDirectory.appending(path: "app.log"),
            environment: environment)
        let app: (target: SessionAppTarget, process: Process?)
        do {
            app = try await startApp(launcher, stage: stage, teardown: teardown)
        } catch {
            teardown.run()
            logger.error("session app did not start", [.error: "\(error)"])
            return try await report(.init(kind: .failed, message: JobRunner.userMessage(error))).state
        }
        let gateway = try SessionGateway(
            bind: environment["HAVEN_SESSION_BIND"] ?? "0.0.0.0", target: app.target, launcher: launcher,
            logger: logger, redeem: redeemer())
        gateway.start()
        teardown.add { gateway.stop() }
        let address = advertisedHost + ":\(gateway.port)"
        let _: SessionAPI.View = try await client.post(
            "/v1/sessions/\(job.id)/gateway", SessionAPI.Gateway(address: address))
        logger.info(
            "session gateway listening",
            [
                .address: address, .runtime: session.app.rawValue,
                .processUserID: String(account.userID ?? getuid()),
            ])
        return try await heartbeats(gateway, app: app.process, idleMinutes: session.idleMinutes)
    }

    /// How long a session runs on without any answer from Haven.
    static let contactTimeout: Duration = .seconds(120)

    /// The host clients reach this node by: `HAVEN_NODE_ADDRESS` when set, else the node's name.
    private var advertisedHost: String {
        environment["HAVEN_NODE_ADDRESS"] ?? ProcessInfo.processInfo.hostName
    }

    /// Sends heartbeats until Haven ends the session or the app exits; returns the session's final state.
    private func heartbeats(_ gateway: SessionGateway, app: Process?, idleMinutes: Double) async throws -> JobState {
        // Often enough that activity reaches Haven well before the idle limit, at most every 15 s.
        let interval = min(max(idleMinutes * 60 / 4, 0.5), 15)
        var lastAnswer = ContinuousClock.now
        while true {
            // A session must not outlive Haven's say over it: without an answer for two minutes, it ends.
            if ContinuousClock.now - lastAnswer > Self.contactTimeout {
                logger.error("session lost contact with Haven; stopping it", [.reason: "no answer for 120 s"])
                return .failed
            }
            if let app, !app.isRunning {
                let message = "the session's app exited with status \(app.terminationStatus)"
                return try await report(.init(kind: .failed, message: message)).state
            }
            let beat = JobAPI.Report(
                kind: .progress, message: "\(gateway.openConnections) connection(s) open",
                idleSeconds: gateway.idleSeconds)
            do {
                let view = try await report(beat)
                lastAnswer = .now
                if view.state.isFinal { return view.state }
            } catch let error as HavenClientError where [401, 403, 409].contains(error.status) {
                // The session ended (its token is revoked with it): close everything.
                logger.notice("session ended by Haven", [.reason: error.description])
                return ((try? await client.get("/v1/jobs/" + job.id, as: JobAPI.View.self))?.state) ?? .cancelled
            } catch {
                logger.warning("session heartbeat failed; retrying", [.error: "\(error)"])
            }
            try await Task.sleep(for: .seconds(interval))
        }
    }

    /// Stages the inputs into the session's home, starts the app and waits until it listens. The app's end is
    /// added to `teardown`: it is stopped, and its socket's folder removed (by the account's end, after every
    /// process of a session id is gone).
    private func startApp(
        _ launcher: SessionAppLauncher, stage: () async throws -> [URL], teardown: SessionTeardown
    ) async throws -> (target: SessionAppTarget, process: Process?) {
        try launcher.account.adopt(try await stage())
        let app = try launcher.start()
        let box = app.process.map(ProcessBox.init)
        let asRunner = launcher.account.userID == nil
        teardown.add {
            if let process = box?.process, process.isRunning { process.terminate() }
            if asRunner { app.target.removeFiles() }
        }
        try await waitUntilReady(app.target, process: app.process)
        return app
    }

    /// Waits until the app accepts connections, or fails when it exits or stays deaf for two minutes.
    private func waitUntilReady(_ target: SessionAppTarget, process: Process?) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            if let process, !process.isRunning {
                throw SessionError(
                    "the app exited with status \(process.terminationStatus) before it listened; its log is"
                        + " app.log in the session's work folder")
            }
            let probe: StreamSocket?
            switch target {
            case .shell: return
            case .unixSocket(let path): probe = try? StreamSocket.connect(unixPath: path)
            case .loopbackPort(let port): probe = try? StreamSocket.connect(to: "127.0.0.1:\(port)")
            }
            if let probe {
                probe.close()
                return
            }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw SessionError("the app did not listen within two minutes; its log is app.log in the work folder")
    }

    /// Redeems tokens for the gateway's threads, which wait for Haven's answer.
    private func redeemer() -> @Sendable (String) -> String? {
        let client = client
        let path = "/v1/sessions/\(job.id)/redeem"
        return { token in
            let answer = Mutex<String?>("no answer from Haven")
            let done = DispatchSemaphore(value: 0)
            Task {
                do {
                    let _: SessionAPI.Redeemed = try await client.post(path, SessionAPI.Redeem(token: token))
                    answer.withLock { $0 = nil }
                } catch let error as HavenClientError where error.status == 403 {
                    answer.withLock { $0 = "the token is unknown, used or expired; run `haven session connect` again" }
                } catch {
                    answer.withLock { $0 = "Haven could not check the token; try again" }
                }
                done.signal()
            }
            done.wait()
            return answer.withLock { $0 }
        }
    }

    /// Runs `stop` (which ends the app and every shell) when the node stops the runner, then exits.
    private static func stopOnSignal(_ stop: @escaping @Sendable () -> Void) -> [any DispatchSourceSignal] {
        [SIGTERM, SIGINT].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                stop()
                exit(0)
            }
            source.resume()
            return source
        }
    }

    private func report(_ report: JobAPI.Report) async throws -> JobAPI.View {
        try await client.post("/v1/jobs/\(job.id)/reports", report)
    }
}
