import Foundation
import HavenCore
import HavenCrypto

/// Signs and verifies ``DataGrant`` tokens with HMAC-SHA-256, so that a grant is checked without a database round
/// trip. The token is `hvg1.PAYLOAD.MAC`: the grant's JSON and its MAC, both base64url.
///
/// The MAC key is derived from the vault's key-encryption key, so every replica holding that key verifies what any
/// of them issued; rotating the key-encryption key retires outstanding grants, which are short-lived anyway.
struct GrantSigner: Sendable {
    static let prefix = "hvg1."
    /// The longest a grant may last.
    static let maximumLifetime: Int64 = 3600

    let key: Data

    init(keyring: VaultKeyring) {
        key = HMACSHA256.sign(key: keyring.current.bytes, message: Data("haven.data-grant.v1".utf8))
    }

    init(key: Data) {
        self.key = key
    }

    /// The signed token of `grant`.
    func sign(_ grant: DataGrant) throws -> String {
        let payload = Base64URL.encode(try APIJSON.encoder().encode(grant))
        let mac = HMACSHA256.sign(key: key, message: Data((Self.prefix + payload).utf8))
        return Self.prefix + payload + "." + Base64URL.encode(mac)
    }

    /// The grant `token` carries, if its MAC is this server's; a malformed or altered token gives a message.
    func verify(_ token: String) -> Result<DataGrant, GrantRefusal> {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.hasPrefix(Self.prefix), parts.count == 3, let mac = Base64URL.decode(String(parts[2])) else {
            return .failure(GrantRefusal("the grant is not a Haven grant token (`hvg1.PAYLOAD.MAC`)"))
        }
        let signed = Data((Self.prefix + parts[1]).utf8)
        guard constantTimeEquals(HMACSHA256.sign(key: key, message: signed), mac) else {
            return .failure(GrantRefusal("the grant's signature does not match; it was altered or not issued here"))
        }
        guard let payload = Base64URL.decode(String(parts[1])),
            let grant = try? APIJSON.decoder().decode(DataGrant.self, from: payload)
        else {
            return .failure(GrantRefusal("the grant's payload does not decode"))
        }
        return .success(grant)
    }
}
