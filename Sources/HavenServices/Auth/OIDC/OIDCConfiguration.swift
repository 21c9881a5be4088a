import Foundation

/// How Haven accepts bearer tokens from a hospital's OpenID Connect identity provider.
public struct OIDCConfiguration: Sendable {
    /// The `iss` a token must carry.
    public var issuer: String
    /// The `aud` a token must carry (alone or in its list).
    public var audience: String
    /// Where the provider's signing keys are: a JWKS file path, or an `http(s)://` URL read at start.
    public var jwks: String
    /// The claim naming the Haven user; the user must exist in Haven and be enabled.
    public var userClaim = "preferred_username"
    /// The claim listing the user's groups at the provider.
    public var groupsClaim = "groups"
    /// Provider group names mapped to Haven group names; a provider group not listed here is ignored. Empty maps
    /// every provider group to the Haven group of the same name.
    public var groupMap: [String: String] = [:]
    /// The clock difference tolerated on `exp` and `nbf`.
    public var leeway: Duration = .seconds(60)

    public init(issuer: String, audience: String, jwks: String) {
        self.issuer = issuer
        self.audience = audience
        self.jwks = jwks
    }

    /// The Haven groups for the provider's `groups`.
    func havenGroups(_ groups: [String]) -> Set<String> {
        guard !groupMap.isEmpty else { return Set(groups) }
        return Set(groups.compactMap { groupMap[$0] })
    }
}
