import Foundation
import HTTPServer
import HavenCore
import PostgresClient

extension HavenAPI {
    func addUsageRoutes(to router: inout Router) {
        router.add("GET", "/v1/projects/:project/usage") { [self] request in
            let context = try await authenticator.authenticate(request)
            let project = try await project(named: request.pathParameters["project"] ?? "")
            // Whoever may read the project's jobs may read what they used.
            try await authorize(
                context, AccessRequest(action: .jobRead, projectID: project.id), resource: "\(project.name)/usage")
            let month = request.query["month"]
            if let month, month.wholeMatch(of: /\d{4}-(0[1-9]|1[0-2])/) == nil {
                throw HTTPError.badRequest("query `month` is `\(month)`; write the month as YYYY-MM, e.g. 2026-12")
            }
            let users = try await UsageLedger.perUser(projectID: project.id, month: month, in: pool)
            return try APIJSON.response(
                UsageAPI.View(
                    project: project.name, month: month, users: users,
                    totalGPUHours: users.reduce(0) { $0 + $1.gpuHours }))
        }
    }
}
