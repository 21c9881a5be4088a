import Foundation
import HavenCore
import HavenServices

/// The entries of a project's audit export, as an auditor of the project sees them.
enum AuditTrail {
    /// The audit entries of `project`; ledger records (start, checkpoints) carry a `type` and are left out.
    static func events(of project: String, as auditor: HavenClient) async throws -> [AuditEvent] {
        let log = String(decoding: try await auditor.data("/v1/projects/\(project)/audit?format=jsonl"), as: UTF8.self)
        let entries = log.split(separator: "\n").filter {
            (try? JSONDecoder().decode(LedgerRecord.self, from: Data($0.utf8))) == nil
        }
        return try entries.map { try JSONDecoder().decode(AuditEvent.self, from: Data($0.utf8)) }
    }

    /// The first entry of `project` that `matches`, waiting for the ledger to chain it; `nil` after ten seconds.
    static func first(
        of project: String, as auditor: HavenClient, where matches: (AuditEvent) -> Bool
    ) async throws -> AuditEvent? {
        for _ in 0..<100 {
            if let event = try await events(of: project, as: auditor).first(where: matches) { return event }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}
