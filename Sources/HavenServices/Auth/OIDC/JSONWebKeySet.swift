import Foundation
import HavenCrypto

/// An identity provider's signing keys by key id, read from a JWKS document.
struct JSONWebKeySet: Sendable {
    let keys: [String: JWSPublicKey]

    private struct Document: Decodable {
        var keys: [Key]
    }

    private struct Key: Decodable {
        var kty: String
        var kid: String?
        var use: String?
        var crv: String?
        var n: String?
        var e: String?
        var x: String?
        var y: String?
    }

    /// The keys of a JWKS document; keys of other types or uses are skipped, a broken RSA or P-256 key is an error.
    init(json: Data) throws {
        let document = try JSONDecoder().decode(Document.self, from: json)
        var keys: [String: JWSPublicKey] = [:]
        for (index, key) in document.keys.enumerated() where key.use == nil || key.use == "sig" {
            let id = key.kid ?? String(index)
            switch (key.kty, key.crv) {
            case ("RSA", _):
                guard let n = key.n.flatMap(Base64URL.decode), let e = key.e.flatMap(Base64URL.decode) else {
                    throw JWTError.malformed("RSA key `\(id)` lacks `n` or `e`")
                }
                keys[id] = try JWSPublicKey.rsa(modulus: n, exponent: e)
            case ("EC", "P-256"):
                guard let x = key.x.flatMap(Base64URL.decode), let y = key.y.flatMap(Base64URL.decode) else {
                    throw JWTError.malformed("P-256 key `\(id)` lacks `x` or `y`")
                }
                keys[id] = try JWSPublicKey.p256(x: x, y: y)
            default:
                continue
            }
        }
        self.keys = keys
    }
}
