/// Why a bearer JWT was refused. Each becomes a 401; the reason goes to the log, never the token.
enum JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case algorithm(String)
    case unknownKey(String)
    case signature
    case issuer(String)
    case audience
    case expired
    case notYetValid
    case noUser(String)

    var description: String {
        switch self {
        case .malformed(let what): return "the token is not a compact JWS: \(what)"
        case .algorithm(let alg): return "algorithm `\(alg)` is refused; only RS256 and ES256 are accepted"
        case .unknownKey(let kid): return "no key `\(kid)` in the identity provider's key set"
        case .signature: return "the signature does not verify"
        case .issuer(let issuer): return "issuer `\(issuer)` is not the configured one"
        case .audience: return "the token is not meant for Haven (audience)"
        case .expired: return "the token has expired"
        case .notYetValid: return "the token is not valid yet (nbf)"
        case .noUser(let claim): return "the token names no user in claim `\(claim)`"
        }
    }
}
