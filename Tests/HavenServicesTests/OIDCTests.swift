import Foundation
import HTTPServer
import HavenServices
import HavenTestSupport
import Testing

/// Identity-provider JWTs against a real server: RS256 and ES256 accepted, every other token refused with 401.
@Suite(.timeLimit(.minutes(5))) struct OIDCTests {
    static let issuer = "https://idp.hospital.example"
    static let audience = "haven"

    static func claims(
        audience: String = audience, issuer: String = issuer, expiresIn: Double = 600, notBefore: Double = -60,
        amr: [String] = ["pwd"]
    ) -> [String: Any] {
        let now = Date().timeIntervalSince1970
        return [
            "iss": issuer, "aud": [audience, "other-app"], "sub": "f1e2", "preferred_username": "hanna",
            "exp": Int(now + expiresIn), "nbf": Int(now + notBefore), "iat": Int(now),
            "groups": ["tre-radiology", "canteen"], "amr": amr,
        ]
    }

    @Test func validTokensMapToGroupsAndBadOnesAreRefused() async throws {
        let provider = try await OIDCTokens.make()
        var oidc = OIDCConfiguration(issuer: Self.issuer, audience: Self.audience, jwks: provider.jwksFile.path)
        oidc.groupMap = ["tre-radiology": "radiology"]
        let test = try await TestServer.start { $0.oidc = oidc }
        defer { Task { await test.server.shutdown() } }
        let _: UserAPI.Created = try await test.admin.post("/v1/users", UserAPI.Create(name: "hanna"))

        let rsa = try await provider.token(alg: "RS256", kid: "rsa1", claims: Self.claims())
        let asRSA: [String: String] = try await test.admin.with(token: rsa).get("/v1/whoami")
        #expect(asRSA == ["actor": "user:hanna", "groups": "radiology", "mfa": "no"])
        let ec = try await provider.token(alg: "ES256", kid: "ec1", claims: Self.claims(amr: ["pwd", "otp"]))
        let asEC: [String: String] = try await test.admin.with(token: ec).get("/v1/whoami")
        #expect(asEC == ["actor": "user:hanna", "groups": "radiology", "mfa": "yes"])

        // A rule for the mapped group that needs multi-factor sign-in: only the ES256 token (amr pwd + otp) passes.
        var files = try PolicyFolder.read(Repository.root.appending(path: "Policies"))
        files.append(
            PolicyFile(
                name: "radiology.yaml",
                content: """
                    rules:
                      - id: radiology.user-list
                        effect: allow
                        principals: {groups: [radiology]}
                        actions: [user.list]
                        conditions: {mfa: true}
                    """))
        let _: PolicyAPI.Applied = try await test.admin.post(
            "/v1/policies", PolicyAPI.Apply(files: files, dryRun: false))
        let users: [UserAPI.View] = try await test.admin.with(token: ec).get("/v1/users")
        #expect(users.map(\.name) == ["admin", "hanna"])
        await #expect {
            let _: [UserAPI.View] = try await test.admin.with(token: rsa).get("/v1/users")
        } throws: { ($0 as? HavenClientError)?.status == 403 }

        // A flipped signature byte, and a token whose payload was swapped after signing.
        var badSignature = Array(rsa)
        let last = badSignature.index(badSignature.endIndex, offsetBy: -5)
        badSignature[last] = badSignature[last] == "A" ? "B" : "A"
        let parts = rsa.split(separator: ".")
        let otherPayload = try await provider.token(
            alg: "RS256", kid: "rsa1", claims: Self.claims(expiresIn: 99_999)
        ).split(separator: ".")[1]
        let refused = [
            String(badSignature),
            "\(parts[0]).\(otherPayload).\(parts[2])",
            try await provider.token(alg: "RS256", kid: "rsa1", claims: Self.claims(audience: "someone-else")),
            try await provider.token(alg: "RS256", kid: "rsa1", claims: Self.claims(issuer: "https://evil.example")),
            // Expired an hour ago, well past the 60 s leeway; not valid for another hour.
            try await provider.token(alg: "RS256", kid: "rsa1", claims: Self.claims(expiresIn: -3600)),
            try await provider.token(alg: "RS256", kid: "rsa1", claims: Self.claims(notBefore: 3600)),
            try await provider.token(alg: "none", kid: nil, claims: Self.claims()),
            try await provider.token(alg: "HS256", kid: "rsa1", claims: Self.claims()),
            // An ES256 signature presented as coming from the RSA key.
            try await provider.token(alg: "ES256", kid: "rsa1", claims: Self.claims()),
        ]
        for token in refused {
            await #expect {
                let _: [String: String] = try await test.admin.with(token: token).get("/v1/whoami")
            } throws: { ($0 as? HavenClientError)?.status == 401 }
        }

        // Disabling the user refuses their next JWT request too.
        struct Empty: Codable {}
        let _: GovernanceAPI.Revoked = try await test.admin.post("/v1/users/hanna/disable", Empty())
        await #expect {
            let _: [String: String] = try await test.admin.with(token: rsa).get("/v1/whoami")
        } throws: { ($0 as? HavenClientError)?.status == 401 }
    }
}

/// The identity provider's keys fetched from a JWKS URL at start, served here by Haven's own HTTP server.
@Suite(.timeLimit(.minutes(5))) struct OIDCKeySetURLTests {
    @Test func keysAreFetchedFromTheJWKSURL() async throws {
        let provider = try await OIDCTokens.make()
        let jwks = try Data(contentsOf: provider.jwksFile)
        var router = Router()
        router.add("GET", "/.well-known/jwks.json") { _ in
            HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: jwks)
        }
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let idp = try HTTPServer(configuration: configuration, router: router, logger: .disabled)
        try idp.start()
        defer { Task { await idp.shutdown() } }

        let url = "http://127.0.0.1:\(idp.port)/.well-known/jwks.json"
        let oidc = OIDCConfiguration(issuer: OIDCTests.issuer, audience: OIDCTests.audience, jwks: url)
        let test = try await TestServer.start { $0.oidc = oidc }
        defer { Task { await test.server.shutdown() } }
        let _: UserAPI.Created = try await test.admin.post("/v1/users", UserAPI.Create(name: "hanna"))
        let token = try await provider.token(alg: "ES256", kid: "ec1", claims: OIDCTests.claims())
        let whoami: [String: String] = try await test.admin.with(token: token).get("/v1/whoami")
        #expect(whoami["actor"] == "user:hanna")
        #expect(whoami["groups"] == "canteen,tre-radiology")
    }
}
