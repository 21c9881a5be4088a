import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    /// The most of a runner's log one request returns; `haven job logs -f` asks again from where it got to.
    static let logChunkBytes = 1 << 20

    func addJobLogRoutes(to router: inout Router) {
        // The runner's log from byte `offset` on: local runners write it into their work folder on this server.
        router.add("GET", "/v1/jobs/:job/log") { [self] request in
            let context = try await authenticator.authenticate(request)
            let job = try await JobStore(pool: pool).job(id: request.pathParameters["job"] ?? "")
            try await authorize(
                context, AccessRequest(action: .jobRead, projectID: job.projectID, jobID: job.id),
                resource: "job:" + job.id)
            let offsetText = request.query["offset"] ?? "0"
            guard let offset = UInt64(offsetText) else {
                throw HTTPError.badRequest("query `offset` is `\(offsetText)`; give a byte offset, 0 or more")
            }
            let file = configuration.workRoot.appending(path: job.id).appending(path: "runner.log")
            guard let handle = try? FileHandle(forReadingFrom: file) else {
                throw HTTPError.notFound(
                    "no runner log for job \(job.id) on this server; logs of agent and Slurm runners stay on their node"
                )
            }
            defer { try? handle.close() }
            try handle.seek(toOffset: offset)
            let chunk = try handle.read(upToCount: Self.logChunkBytes) ?? Data()
            return HTTPResponse(
                status: 200,
                headers: ["Content-Type": "text/plain; charset=utf-8", "Haven-Job-State": job.state.rawValue],
                body: chunk)
        }
    }
}
