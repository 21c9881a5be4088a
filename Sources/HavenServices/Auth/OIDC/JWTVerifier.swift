import Foundation
import HTTPClient
import HavenCrypto

/// Verifies an identity provider's bearer JWTs: signature (RS256 or ES256 only) against the provider's keys, then
/// issuer, audience, expiry and not-before with the configured leeway.
struct JWTVerifier: Sendable {
    let configuration: OIDCConfiguration
    let keys: JSONWebKeySet

    /// Who a verified token speaks for.
    struct Identity: Sendable, Equatable {
        var user: String
        var groups: Set<String>
        /// Whether `amr` shows more than one factor.
        var mfa: Bool
    }

    private struct Header: Decodable {
        var alg: String
        var kid: String?
    }

    /// Whether `token` looks like a compact JWS at all (three dot-separated parts).
    static func looksLikeJWT(_ token: String) -> Bool {
        token.split(separator: ".", omittingEmptySubsequences: false).count == 3
    }

    func verify(_ token: String, now: Date = Date()) throws(JWTError) -> Identity {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, let headerData = Base64URL.decode(parts[0]),
            let payloadData = Base64URL.decode(parts[1]), let signature = Base64URL.decode(parts[2])
        else { throw .malformed("three base64url parts expected") }
        guard let header = try? JSONDecoder().decode(Header.self, from: headerData) else {
            throw .malformed("the header is not JSON with `alg`")
        }
        guard let algorithm = JWSPublicKey.Algorithm(rawValue: header.alg) else { throw .algorithm(header.alg) }
        let key = try self.key(header.kid, algorithm)
        guard key.isValidSignature(signature, for: Data((parts[0] + "." + parts[1]).utf8)) else { throw .signature }
        guard let claims = (try? JSONSerialization.jsonObject(with: payloadData)) as? [String: Any] else {
            throw .malformed("the payload is not a JSON object")
        }
        try check(claims, now: now)
        guard let user = claims[configuration.userClaim] as? String, !user.isEmpty else {
            throw .noUser(configuration.userClaim)
        }
        let groups = claims[configuration.groupsClaim] as? [String] ?? []
        let methods = claims["amr"] as? [String] ?? []
        return Identity(
            user: user, groups: configuration.havenGroups(groups), mfa: methods.contains("mfa") || methods.count > 1)
    }

    private func key(_ kid: String?, _ algorithm: JWSPublicKey.Algorithm) throws(JWTError) -> JWSPublicKey {
        let key: JWSPublicKey?
        if let kid {
            key = keys.keys[kid]
        } else {
            let matching = keys.keys.values.filter { $0.algorithm == algorithm }
            key = matching.count == 1 ? matching[0] : nil
        }
        guard let key else { throw .unknownKey(kid ?? "(none given)") }
        // The header's algorithm must be the key's: an RSA key never verifies an ES256 claim, nor the reverse.
        guard key.algorithm == algorithm else { throw .algorithm(algorithm.rawValue) }
        return key
    }

    private func check(_ claims: [String: Any], now: Date) throws(JWTError) {
        let leeway = Double(configuration.leeway.components.seconds)
        guard let issuer = claims["iss"] as? String, issuer == configuration.issuer else {
            throw .issuer(claims["iss"] as? String ?? "")
        }
        let audiences = (claims["aud"] as? [String]) ?? (claims["aud"] as? String).map { [$0] } ?? []
        guard audiences.contains(configuration.audience) else { throw .audience }
        guard let expiry = (claims["exp"] as? NSNumber)?.doubleValue else { throw .expired }
        guard now.timeIntervalSince1970 < expiry + leeway else { throw .expired }
        if let notBefore = (claims["nbf"] as? NSNumber)?.doubleValue, now.timeIntervalSince1970 + leeway < notBefore {
            throw .notYetValid
        }
    }
}

extension JWTVerifier {
    /// A verifier with the provider's keys, read from the JWKS file or fetched from the JWKS URL.
    static func load(_ configuration: OIDCConfiguration) async throws -> JWTVerifier {
        let json: Data
        if configuration.jwks.hasPrefix("https://") || configuration.jwks.hasPrefix("http://") {
            guard let url = URL(string: configuration.jwks) else {
                throw ServerStartError("the JWKS URL `\(configuration.jwks)` is not a valid URL")
            }
            let response = try await HTTPClient().send(
                HTTPClientRequest(method: "GET", url: url, headers: [:], body: nil, timeout: .seconds(30)))
            guard response.status == 200 else {
                throw ServerStartError("the JWKS URL answered \(response.status); check HAVEN_OIDC_JWKS")
            }
            json = response.body
        } else {
            guard let data = FileManager.default.contents(atPath: configuration.jwks) else {
                throw ServerStartError("cannot read the JWKS file `\(configuration.jwks)`; check HAVEN_OIDC_JWKS")
            }
            json = data
        }
        do {
            return JWTVerifier(configuration: configuration, keys: try JSONWebKeySet(json: json))
        } catch {
            throw ServerStartError("the identity provider's key set `\(configuration.jwks)` is unusable: \(error)")
        }
    }
}
