import Foundation
import HavenCrypto
import Testing

@Suite struct Ed25519Tests {
    // RFC 8032 section 7.1, TEST 1: the empty message.
    static let seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
    static let publicKey = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    static let signature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
        + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"

    @Test func signsTheRFC8032VectorExactly() throws {
        let key = try Ed25519PrivateKey(seed: try #require(Hex.decode(Self.seed)))

        #expect(key.publicKey.hex == Self.publicKey)
        #expect(Hex.encode(try key.signature(for: Data())) == Self.signature)
    }

    @Test func verifiesTheRFC8032VectorAndRefusesAnyChange() throws {
        let key = try Ed25519PublicKey(hex: Self.publicKey)
        let signature = try #require(Hex.decode(Self.signature))

        #expect(key.isValidSignature(signature, for: Data()))
        #expect(!key.isValidSignature(signature, for: Data([0])))
        var flipped = signature
        flipped[0] ^= 1
        #expect(!key.isValidSignature(flipped, for: Data()))
        #expect(!key.isValidSignature(signature.prefix(63), for: Data()))
    }

    @Test func newKeySignaturesVerifyOnlyUnderItsOwnPublicKey() throws {
        let key = try Ed25519PrivateKey()
        let other = try Ed25519PrivateKey()
        let message = Data("checkpoint 42".utf8)
        let signature = try key.signature(for: message)

        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!other.publicKey.isValidSignature(signature, for: message))
        #expect(try Ed25519PrivateKey(seed: key.seed).publicKey.hex == key.publicKey.hex)
    }

    @Test func refusesKeysOfTheWrongLength() {
        #expect(throws: HavenCryptoError.self) { try Ed25519PrivateKey(seed: Data(count: 31)) }
        #expect(throws: HavenCryptoError.self) { try Ed25519PublicKey(rawRepresentation: Data(count: 33)) }
        #expect(throws: HavenCryptoError.self) { try Ed25519PublicKey(hex: "zz") }
    }
}
