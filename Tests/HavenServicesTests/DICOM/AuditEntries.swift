import Foundation
import HavenServices

/// The entries of a project's JSON-lines audit export, as field-to-text maps.
enum AuditEntries {
    static func of(_ client: HavenClient, project: String = "spine-ct") async throws -> [[String: String]] {
        let data = try await client.data("/v1/projects/\(project)/audit?format=jsonl")
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            return object.compactMapValues { $0 as? String }
        }
    }
}
