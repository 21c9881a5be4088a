import Foundation
import HTTPServer
import HavenCore

extension HavenAPI {
    func addSecretRoutes(to router: inout Router) {
        let secret = "/v1/projects/:project/secrets/:name"
        router.add("GET", "/v1/projects/:project/secrets") { [self] request in try await listSecrets(request) }
        router.add("PUT", secret) { [self] request in try await putSecret(request) }
        router.add("GET", secret) { [self] request in try await getSecret(request) }
        router.add("DELETE", secret) { [self] request in try await purgeSecret(request) }
        router.add("POST", secret + "/versions") { [self] request in try await rotateSecret(request) }
        router.add("POST", secret + "/disable") { [self] request in try await change(request, .disable) }
        router.add("POST", secret + "/recover") { [self] request in try await change(request, .recover) }
        router.add("POST", secret + "/delete") { [self] request in
            let window = try seconds(request, "recovery", default: 7 * 24 * 3600)
            return try await change(request, .delete(recoverySeconds: window))
        }
        router.add("GET", "/v1/jobs/:job/secrets") { [self] request in try await declaredSecrets(request) }
        router.add("POST", "/v1/vault/rotate-kek") { [self] request in try await rotateKEK(request) }
    }

    /// One decided access to one secret, and the audit entry that records it.
    private struct SecretAccess {
        var projectID: String
        var name: String
        var entry: AuditEntry
    }

    /// Authenticates, resolves the project and name, and decides `action`; a denial is audited by `authorize`.
    private func secretAccess(_ request: HTTPRequest, _ action: Action) async throws -> SecretAccess {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let name = request.pathParameters["name"] ?? ""
        try Validation.name(name, field: "name", punctuation: "-_")
        let resource = "secret:" + name
        let access = AccessRequest(action: action, projectID: project.id, secretName: name)
        let decision = try await authorize(context, access, resource: resource)

        // A job's read is the lease of a secret it declared, and is audited as one.
        let audited: Action = action == .secretRead && context.jobID != nil ? .secretLease : action
        let entry = AuditEntry(
            context, audited, resource: resource, projectID: project.id, outcome: .success, rule: decision.rule)
        return SecretAccess(projectID: project.id, name: name, entry: entry)
    }

    /// Runs an allowed access; when it fails, the failure is audited with the error's message, which names no value.
    private func auditingFailure<T>(_ access: SecretAccess, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as HTTPError {
            var failed = access.entry
            failed.outcome = .failed
            failed.detail = error.message
            try await AuditLog.record(failed, in: pool)
            throw error
        }
    }

    private func listSecrets(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let project = try await project(named: request.pathParameters["project"] ?? "")
        let access = AccessRequest(action: .secretUse, projectID: project.id)
        try await authorize(context, access, resource: "secret:")
        return try APIJSON.response(try await vault.list(projectID: project.id))
    }

    private func putSecret(_ request: HTTPRequest) async throws -> HTTPResponse {
        let access = try await secretAccess(request, .secretWrite)
        let value = try secretValue(request)
        let view = try await auditingFailure(access) {
            try await vault.put(value, projectID: access.projectID, name: access.name, audit: access.entry)
        }
        return try APIJSON.response(view, status: 201)
    }

    private func rotateSecret(_ request: HTTPRequest) async throws -> HTTPResponse {
        let access = try await secretAccess(request, .secretWrite)
        let value = try secretValue(request)
        let grace = try seconds(request, "grace", default: 24 * 3600)
        let view = try await auditingFailure(access) {
            try await vault.rotate(
                value, projectID: access.projectID, name: access.name, grace: grace, audit: access.entry)
        }
        return try APIJSON.response(view, status: 201)
    }

    private func getSecret(_ request: HTTPRequest) async throws -> HTTPResponse {
        let access = try await secretAccess(request, .secretRead)
        let version = try request.query["version"].map { text in
            guard let number = Int(text), number > 0 else {
                throw HTTPError.badRequest("query `version` is `\(text)`; give a version number from 1 up")
            }
            return number
        }
        let opened = try await auditingFailure(access) {
            try await vault.open(projectID: access.projectID, name: access.name, version: version)
        }
        try await AuditLog.record(vault.with(access.entry, detail: "version \(opened.version)"), in: pool)
        let headers = ["Content-Type": "application/octet-stream", "X-Haven-Secret-Version": "\(opened.version)"]
        return HTTPResponse(status: 200, headers: headers, body: opened.value)
    }

    private func change(_ request: HTTPRequest, _ change: SecretStore.Change) async throws -> HTTPResponse {
        let access = try await secretAccess(request, .secretWrite)
        let view = try await auditingFailure(access) {
            try await vault.apply(change, projectID: access.projectID, name: access.name, audit: access.entry)
        }
        return try APIJSON.response(view)
    }

    private func purgeSecret(_ request: HTTPRequest) async throws -> HTTPResponse {
        let access = try await secretAccess(request, .secretWrite)
        try await auditingFailure(access) {
            try await vault.purge(projectID: access.projectID, name: access.name, audit: access.entry)
        }
        return HTTPResponse(status: 204, headers: [:], body: Data())
    }

    private func declaredSecrets(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let job = try await JobStore(pool: pool).job(id: request.pathParameters["job"] ?? "")
        let access = AccessRequest(action: .jobRead, projectID: job.projectID, jobID: job.id)
        try await authorize(context, access, resource: "job:" + job.id)
        return try APIJSON.response(try await vault.declared(jobID: job.id))
    }

    private func rotateKEK(_ request: HTTPRequest) async throws -> HTTPResponse {
        let context = try await authenticator.authenticate(request)
        let decision = try await authorize(context, AccessRequest(action: .vaultRotateKEK), resource: "vault")
        let body = try decodeBody(request, as: SecretAPI.RotateKEK.self)
        let kek: KeyEncryptionKey
        do {
            kek = try KeyEncryptionKey(base64: body.key)
        } catch {
            throw HTTPError.badRequest("field `key`: \(error.message)")
        }

        let rewrapped = try await vault.rotateKEK(to: kek)
        let keyFile = configuration.vaultKey.file(home: configuration.home)
        if let keyFile { try kek.write(to: keyFile) }
        let entry = AuditEntry(
            context, .vaultRotateKEK, resource: "vault", projectID: nil, outcome: .success, rule: decision.rule,
            detail: "rewrapped \(rewrapped) data key(s) under key-encryption key \(kek.id)")
        try await AuditLog.record(entry, in: pool)
        logger.notice("vault key-encryption key rotated", [.count: "\(rewrapped)", .reason: kek.id])
        return try APIJSON.response(SecretAPI.KEKRotation(kekID: kek.id, rewrapped: rewrapped, keyFile: keyFile?.path))
    }

    /// The request body as a secret value: not empty, and no larger than a JSON body may be.
    private func secretValue(_ request: HTTPRequest) throws -> Data {
        guard !request.body.isEmpty else { throw HTTPError.badRequest("the secret value (the request body) is empty") }
        guard request.body.count <= configuration.maximumJSONBytes else {
            throw HTTPError.payloadTooLarge(
                "the secret value has \(request.body.count) bytes; the limit is \(configuration.maximumJSONBytes)")
        }
        return request.body
    }

    private func seconds(_ request: HTTPRequest, _ name: String, default value: Int) throws -> Int {
        guard let text = request.query[name] else { return value }
        guard let number = Int(text), number >= 0 else {
            throw HTTPError.badRequest("query `\(name)` is `\(text)`; give a whole number of seconds, 0 or more")
        }
        return number
    }
}
