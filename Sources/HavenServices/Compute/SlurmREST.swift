import Foundation
import HTTPClient

/// slurmrestd on a Unix socket: negotiates the API version, submits, reads and cancels jobs.
///
/// Only the version this client knows the shapes of is used; the server's offer is read from its OpenAPI
/// document, so a cluster that no longer offers it fails at start with a message naming both lists.
struct SlurmREST: Sendable {
    /// The API versions this client speaks, most preferred first.
    static let supportedVersions = ["v0.0.38"]

    let http: HTTPClient
    let version: String

    /// A job as Haven reads it from slurmctld.
    struct JobStatus: Sendable, Equatable {
        var id: Int
        var state: String
        var restartCount: Int
        var reason: String
    }

    /// Connects through `socketPath` and picks the newest supported version the server offers.
    static func connect(socketPath: String) async throws -> SlurmREST {
        let http = HTTPClient(configuration: HTTPClientConfiguration(unixSocketPath: socketPath))
        let response = try await http.send(HTTPClientRequest(url: url("/openapi/v3")))
        let document = String(decoding: response.body, as: UTF8.self)
        let offered = Set(document.matches(of: /\\?\/slurm\\?\/(v\d+\.\d+\.\d+)\\?\//).map { String($0.output.1) })
        guard response.status == 200, let version = supportedVersions.first(where: offered.contains) else {
            throw SlurmError(
                "slurmrestd at \(socketPath) offers \(offered.sorted()) (HTTP \(response.status)); Haven speaks "
                    + "\(supportedVersions); start slurmrestd with `-s openapi/\(supportedVersions[0])`")
        }
        return SlurmREST(http: http, version: version)
    }

    static func url(_ path: String) -> URL {
        // The host is ignored over a Unix socket; slurmrestd reads only the path.
        URL(string: "http://slurmrestd" + path)!
    }

    /// Submits a batch job; returns Slurm's job id.
    func submit(_ submission: [String: Any]) async throws -> Int {
        let body = try JSONSerialization.data(withJSONObject: submission)
        let answer = try await call("POST", "/job/submit", body: body)
        guard let id = answer["job_id"] as? Int else {
            throw SlurmError("slurmrestd accepted no job: \(Self.errors(answer))")
        }
        return id
    }

    func status(of jobID: Int) async throws -> JobStatus? {
        let answer = try await call("GET", "/job/\(jobID)")
        guard let job = (answer["jobs"] as? [[String: Any]])?.first else { return nil }
        return JobStatus(
            id: jobID, state: job["job_state"] as? String ?? "UNKNOWN", restartCount: job["restart_cnt"] as? Int ?? 0,
            reason: job["state_reason"] as? String ?? "")
    }

    func cancel(_ jobID: Int) async throws {
        _ = try await call("DELETE", "/job/\(jobID)")
    }

    private func call(_ method: String, _ path: String, body: Data? = nil) async throws -> [String: Any] {
        let request = HTTPClientRequest(
            method: method, url: Self.url("/slurm/\(version)" + path),
            headers: body == nil ? [:] : ["Content-Type": "application/json"], body: body)
        let response = try await http.send(request)
        let answer = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] ?? [:]
        guard (200..<300).contains(response.status) else {
            throw SlurmError(
                "slurmrestd refused \(method) \(path) with HTTP \(response.status): \(Self.errors(answer))")
        }
        return answer
    }

    static func errors(_ answer: [String: Any]) -> String {
        let errors = (answer["errors"] as? [[String: Any]]) ?? []
        let texts = errors.map { ($0["description"] as? String) ?? ($0["error"] as? String) ?? "?" }
        return texts.isEmpty ? "no detail" : texts.joined(separator: "; ")
    }
}
