import Foundation
import HavenTestSupport
import Testing

/// A 2 GiB object goes up and comes back through `haven data put` and `haven data get` while the server's
/// resident memory stays flat: bodies stream through files, never whole into memory.
@Suite(.timeLimit(.minutes(10))) struct LargeObjectTests {
    static let size: Int64 = 2 << 30

    /// The SHA-256 of 2,147,483,648 zero bytes, from `head -c 2147483648 /dev/zero | sha256sum`.
    static let zerosSHA256 = "a7c744c13cc101ed66c29f672f92455547889cc586ce6d44fe76ae824958ea51"

    @Test func twoGiBUploadAndDownloadKeepServerMemoryUnder100MiB() async throws {
        let home = try Repository.temporaryFolder("large")
        defer { try? FileManager.default.removeItem(at: home) }
        let database = try await TestDatabase.makeDatabase()
        let server = try ServeTests.Server(home: home, environment: ["HAVEN_DATABASE_URL": database])
        let url = try await server.url()
        defer { Task { _ = await server.terminate() } }
        let lines = server.printed.split(separator: "\n")
        let admin = try #require(lines.firstIndex { $0.hasPrefix("First start") }.map { String(lines[$0 + 1]) })

        let asAdmin = ["HAVEN_URL": url, "HAVEN_TOKEN": admin, "HAVEN_HOME": home.path]
        _ = try await haven(["project", "create", "spine-ct"], asAdmin)
        _ = try await haven(["storage", "create", "spine-ct", "images"], asAdmin)
        let created = try await haven(["user", "create", "ada"], asAdmin)
        let token = try #require(created.stdout.split(separator: "\n").last.map(String.init))
        _ = try await haven(["project", "add-member", "spine-ct", "ada", "researcher"], asAdmin)
        let asAda = ["HAVEN_URL": url, "HAVEN_TOKEN": token]

        // A sparse file: 2 GiB of zeros that take no disk until read.
        let source = home.appending(path: "zeros.bin")
        #expect(FileManager.default.createFile(atPath: source.path, contents: nil))
        let handle = try FileHandle(forWritingTo: source)
        try handle.truncate(atOffset: UInt64(Self.size))
        try handle.close()

        let put = try await haven(["data", "put", "spine-ct", source.path, "--as", "big/zeros.bin"], asAda)
        #expect(put.stdout.contains("\(Self.size) bytes, SHA-256 \(Self.zerosSHA256)"))
        // Piped output gets no progress line.
        #expect(!put.stderr.contains("\r"))

        // The download runs on a terminal (`script` gives it one), so it draws its progress line.
        let target = home.appending(path: "back.bin")
        let command = [
            Repository.havenExecutable.path, "data", "get", "spine-ct", "big/zeros.bin", "--to", target.path,
        ]
        let get = try await ChildProcess.run(
            URL(filePath: "/usr/bin/script"), ["-qec", command.joined(separator: " "), "/dev/null"],
            environment: HavenProcess.environment(asAda), directory: home)
        #expect(get.status == 0, "haven data get failed: \(get.stdout)")
        #expect(get.stdout.contains("\(Self.size) bytes, SHA-256 checked"))
        #expect(get.stdout.contains("\rDownloading ") && get.stdout.contains(" of 2.0 GiB ("))
        let attributes = try FileManager.default.attributesOfItem(atPath: target.path)
        #expect((attributes[.size] as? Int64) == Self.size)

        let peak = try #require(Self.peakResidentKiB(of: server.process.processIdentifier))
        print("haven serve peak resident memory after 2 GiB up and down: \(peak) KiB")
        #expect(peak < 100 * 1024)
    }

    private func haven(_ arguments: [String], _ environment: [String: String]) async throws -> HavenProcess.Result {
        let result = try await HavenProcess.run(arguments, environment: environment)
        guard result.status == 0 else {
            throw TestFailure("haven \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result
    }

    /// VmHWM, the process's peak resident set, from /proc/PID/status.
    static func peakResidentKiB(of pid: Int32) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }
}
