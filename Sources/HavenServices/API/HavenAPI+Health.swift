import HTTPServer

extension HavenAPI {
    func addHealthRoutes(to router: inout Router) {
        router.add("GET", "/healthz") { _ in
            try APIJSON.response(["status": "ok"])
        }
        router.add("GET", "/readyz") { [self] _ in
            let databaseAnswers = (try? await pool.query("SELECT 1")) != nil
            let current = databaseAnswers ? await migrationsCurrent() : false
            guard databaseAnswers && current else {
                let reason = databaseAnswers ? "migrations are not current" : "the database does not answer"
                throw HTTPError.unavailable("not ready: \(reason)")
            }
            return try APIJSON.response(["status": "ready"])
        }
    }
}
