import Foundation
import HTTPServer
import HavenCore
import HavenCrypto

extension HavenAPI {
    func addAuditRoutes(to router: inout Router) {
        router.add("GET", "/v1/projects/:project/audit") { [self] request in try await exportAudit(request) }
        router.add("GET", "/v1/audit/public-key") { [self] request in try await ledgerPublicKey(request) }
        router.add("GET", "/v1/audit/verify") { [self] request in try await verifyLedger(request) }
    }

    /// The project's ledger as JSON lines (lossless, verifiable) or CSV (for spreadsheets), after the chainer
    /// has caught up with every entry committed before the request; the export is itself audited.
    private func exportAudit(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let formatName = request.query["format"] ?? "jsonl"
        guard let format = LedgerExporter.Format(rawValue: formatName) else {
            throw HTTPError.badRequest("query `format` is `\(formatName)`; use `jsonl` or `csv`")
        }
        if let outcome = request.query["outcome"], AuditOutcome(rawValue: outcome) == nil {
            throw HTTPError.badRequest("query `outcome` is `\(outcome)`; use `success`, `denied` or `failed`")
        }
        let resource = "\(project.name)/audit"
        let decision = try await authorize(
            context, AccessRequest(action: .auditExport, projectID: project.id), resource: resource)

        try await chainer.catchUp()
        let filter = LedgerFilter(
            from: request.query["from"], until: request.query["until"], projectID: project.id,
            user: request.query["user"], action: request.query["action"], resource: request.query["resource"],
            outcome: request.query["outcome"])
        let exporter = LedgerExporter(pool: pool, filter: filter, format: format)
        let range = try await exporter.range()

        // The export is recorded before its first byte leaves, so none leaves unaudited; the body then streams a
        // page at a time, so memory stays flat however long the ledger is.
        try await AuditLog.record(
            AuditEntry(
                context, .auditExport, resource: resource, projectID: project.id, outcome: .success,
                rule: decision.rule,
                detail: "sequences \(range.first) through \(range.head) as \(format.rawValue)"),
            in: pool)
        let type = format == .csv ? "text/csv; charset=utf-8" : "application/x-ndjson"
        return HTTPResponse(
            status: 200, headers: ["Content-Type": type],
            stream: HTTPBodyStream { writer in
                _ = try await exporter.export(range) { try await writer.write($0) }
            })
    }

    /// The ledger's public key in hex, which auditors pass to `haven audit verify`.
    private func ledgerPublicKey(_ request: HTTPRequest) async throws -> HTTPResponse {
        _ = try await authenticator.authenticate(request)
        return .text(chainer.key.publicKey.hex + "\n")
    }

    /// Checks the database's whole ledger (admins only) and answers with what verification found. The check is
    /// itself audited, a refused one too; its entry is written first, so the check covers it.
    private func verifyLedger(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let decision = try await authorize(
            context, AccessRequest(action: .auditVerify, projectID: nil), resource: Self.ledgerResource)
        try await AuditLog.record(
            AuditEntry(
                context, .auditVerify, resource: Self.ledgerResource, projectID: nil, outcome: .success,
                rule: decision.rule, detail: "the whole ledger, against the server's key"),
            in: pool)

        try await chainer.catchUp()
        var verifier = LedgerVerifier(publicKey: chainer.key.publicKey)
        _ = try await LedgerExporter(pool: pool, filter: LedgerFilter(), format: .jsonl).export { chunk in
            verifier.checkLines(in: chunk)
        }
        let report = verifier.result
        return try APIJSON.response(
            LedgerVerificationView(
                entries: report.entries, checkpoints: report.checkpoints,
                lastSignedSequence: report.lastSignedSequence, failure: report.failure?.description))
    }

    /// The resource name ledger-wide actions are recorded under.
    static let ledgerResource = "ledger"
}

/// What `GET /v1/audit/verify` answers.
public struct LedgerVerificationView: Sendable, Codable {
    public var entries: Int
    public var checkpoints: Int
    public var lastSignedSequence: Int64?
    /// The first break, or nil when the ledger holds.
    public var failure: String?
}
