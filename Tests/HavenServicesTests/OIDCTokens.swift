import Foundation
import HavenCrypto
import HavenTestSupport

/// An identity provider made for a test: an RSA and a P-256 key made by the `openssl` command, their JWKS file,
/// and tokens signed with `openssl dgst`, independently of the code under test.
struct OIDCTokens {
    let folder: URL
    static let openssl = URL(filePath: "/usr/bin/openssl")

    static func make() async throws -> OIDCTokens {
        let folder = try Repository.temporaryFolder("oidc")
        let provider = OIDCTokens(folder: folder)
        try await provider.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pem"])
        try await provider.run(["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.pem"])
        try await provider.run(["ec", "-in", "ec.pem", "-pubout", "-outform", "DER", "-out", "ec.der"])
        let modulus = try await provider.run(["rsa", "-in", "rsa.pem", "-noout", "-modulus"])
        let hex = modulus.trimmingCharacters(in: .whitespacesAndNewlines).replacing("Modulus=", with: "")
        let n = try Hex.decode(hex.lowercased()).unwrapped("the RSA modulus")
        // A P-256 SubjectPublicKeyInfo ends with the uncompressed point 04 || x || y.
        let point = try Data(contentsOf: folder.appending(path: "ec.der")).suffix(64)
        let jwks: [String: Any] = [
            "keys": [
                ["kty": "RSA", "kid": "rsa1", "use": "sig", "n": Base64URL.encode(n), "e": "AQAB"],
                [
                    "kty": "EC", "kid": "ec1", "crv": "P-256", "x": Base64URL.encode(point.prefix(32)),
                    "y": Base64URL.encode(point.suffix(32)),
                ],
            ]
        ]
        try JSONSerialization.data(withJSONObject: jwks).write(to: provider.jwksFile)
        return provider
    }

    var jwksFile: URL { folder.appending(path: "jwks.json") }

    /// A compact JWS of `claims` with `alg` and `kid`; `none` gets an empty signature.
    func token(alg: String, kid: String?, claims: [String: Any]) async throws -> String {
        var header: [String: Any] = ["alg": alg, "typ": "JWT"]
        if let kid { header["kid"] = kid }
        let input =
            Base64URL.encode(try JSONSerialization.data(withJSONObject: header)) + "."
            + Base64URL.encode(try JSONSerialization.data(withJSONObject: claims))
        guard alg != "none" else { return input + "." }
        try Data(input.utf8).write(to: folder.appending(path: "input"))
        let key = alg == "RS256" ? "rsa.pem" : "ec.pem"
        try await run(["dgst", "-sha256", "-sign", key, "-out", "signature", "input"])
        var signature = try Data(contentsOf: folder.appending(path: "signature"))
        if alg == "ES256" { signature = try Self.rawECDSA(signature) }
        return input + "." + Base64URL.encode(signature)
    }

    /// JOSE's r || s from OpenSSL's DER `SEQUENCE { INTEGER r, INTEGER s }` (lengths under 128 bytes for P-256).
    static func rawECDSA(_ der: Data) throws -> Data {
        let bytes = [UInt8](der)
        var index = 2
        var raw = Data()
        for _ in 0..<2 {
            guard bytes[index] == 0x02 else { throw TestFailure("not a DER INTEGER") }
            let length = Int(bytes[index + 1])
            var value = Array(bytes[(index + 2)..<(index + 2 + length)])
            while value.count > 32, value.first == 0 { value.removeFirst() }
            raw.append(Data(repeating: 0, count: 32 - value.count) + value)
            index += 2 + length
        }
        return raw
    }

    @discardableResult
    func run(_ arguments: [String]) async throws -> String {
        let result = try await ChildProcess.run(Self.openssl, arguments, directory: folder)
        guard result.status == 0 else { throw TestFailure("openssl \(arguments[0]) failed: \(result.stderr)") }
        return result.stdout
    }
}

extension Optional {
    func unwrapped(_ what: String) throws -> Wrapped {
        guard let self else { throw TestFailure("no \(what)") }
        return self
    }
}
