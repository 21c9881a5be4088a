import Foundation
import HTTPClient
import HTTPServer
import HavenLogging
import Testing

@Suite("HTTP server lifecycle and TLS")
struct HTTPServerLifecycleTests {
    @Test func shutdownLetsTheInFlightRequestFinishAndRefusesNewConnections() async throws {
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let server = try TestServer(configure: { $0.drainTimeout = .seconds(10) }) { router in
            router.add("GET", "/slow") { _ in
                enteredContinuation.yield()
                try await Task.sleep(for: .seconds(1))
                return .text("done")
            }
        }
        let slow = Task { try await server.send("GET", "/slow") }
        var iterator = entered.makeAsyncIterator()
        _ = await iterator.next()

        let shutdown = Task { await server.server.shutdown() }
        var refused: HTTPClientError?
        for _ in 0..<100 where refused == nil {
            do {
                _ = try await server.send("GET", "/ok")
                try await Task.sleep(for: .milliseconds(10))
            } catch let error as HTTPClientError {
                refused = error
            }
        }

        // Refused at connect, or accepted by the kernel's backlog and closed unanswered when the listener goes away:
        // either way no new request is served.
        #expect(refused?.code == .connect || refused?.code == .transfer)
        let response = try await slow.value
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "done")
        await shutdown.value
    }

    @Test func oneTLSPathWithoutTheOtherIsRejected() {
        var configuration = HTTPServerConfiguration()
        configuration.tlsCertificatePath = "/tmp/cert.pem"
        let error = #expect(throws: HTTPServerError.self) {
            try HTTPServer(configuration: configuration, router: Router(), logger: .disabled)
        }
        #expect(error?.code == .invalidConfiguration)
    }

    @Test func unreadableTLSFileIsNamed() {
        var configuration = HTTPServerConfiguration()
        configuration.tlsCertificatePath = "/nonexistent/haven-cert.pem"
        configuration.tlsKeyPath = "/nonexistent/haven-key.pem"
        let error = #expect(throws: HTTPServerError.self) {
            try HTTPServer(configuration: configuration, router: Router(), logger: .disabled)
        }
        #expect(error?.code == .tlsFileUnreadable)
        #expect(error?.message.contains("/nonexistent/haven-cert.pem") == true)
    }

    @Test func httpsWithTrustedCAAnswersAndWithoutItFailsTLS() async throws {
        let folder = try Self.selfSignedCertificate()
        defer { try? FileManager.default.removeItem(at: folder) }
        let certificate = folder.appending(path: "cert.pem").path
        let key = folder.appending(path: "key.pem").path

        let trusting = try TestServer(client: HTTPClientConfiguration(caCertificatePath: certificate)) {
            $0.tlsCertificatePath = certificate
            $0.tlsKeyPath = key
        }
        let response = try await trusting.send("GET", "/ok")
        #expect(response.status == 200)

        let untrusting = HTTPClient()
        let error = await #expect(throws: HTTPClientError.self) {
            try await untrusting.send(HTTPClientRequest(url: trusting.url("/ok")))
        }
        #expect(error?.code == .tls)
        await trusting.server.shutdown()
    }

    @Test func fileUploadAndDownloadStreamTheSameBytes() async throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "haven-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appending(path: "in.bin")
        let target = folder.appending(path: "out.bin")
        let content = Data((0..<300_000).map { UInt8(($0 * 31) % 256) })
        try content.write(to: source)

        let server = try TestServer { $0.maximumBodyBytes = 1 << 20 }
        let uploaded = try await server.client.upload(
            HTTPClientRequest(method: "POST", url: server.url("/echo")), from: source)
        #expect(uploaded.status == 200)
        #expect(uploaded.body == content)

        let downloaded = try await server.client.download(
            HTTPClientRequest(method: "POST", url: server.url("/echo"), body: content), to: target)
        #expect(downloaded.status == 200)
        #expect(downloaded.body.isEmpty)
        #expect(try Data(contentsOf: target) == content)
        await server.server.shutdown()
    }

    @Test func clientReportsRefusedConnectionAsConnectError() async throws {
        // Port 1 on loopback has no listener in the test environment (tcpmux is long dead).
        let error = await #expect(throws: HTTPClientError.self) {
            try await HTTPClient().send(HTTPClientRequest(url: URL(string: "http://127.0.0.1:1/x?token=secret")!))
        }
        #expect(error?.code == .connect)
        #expect(error?.url == "http://127.0.0.1:1/x")
        #expect(error?.description.contains("secret") == false)
    }

    /// A throwaway certificate for 127.0.0.1 made with the `openssl` command, in a new folder.
    static func selfSignedCertificate() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appending(path: "haven-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/openssl")
        process.currentDirectoryURL = folder
        process.arguments = [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "openssl could not make a test certificate")
        return folder
    }
}
