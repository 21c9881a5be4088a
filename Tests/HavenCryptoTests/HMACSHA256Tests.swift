import Foundation
import HavenCrypto
import Testing

@Suite("HMAC-SHA256")
struct HMACSHA256Tests {
    @Test func rfc4231TestCase2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        let mac = HMACSHA256.sign(key: Data("Jefe".utf8), message: Data("what do ya want for nothing?".utf8))
        #expect(mac.map { String(format: "%02x", $0) }.joined() == expected)
    }

    @Test func differentKeysGiveDifferentMACs() {
        let message = Data("payload".utf8)
        #expect(
            HMACSHA256.sign(key: Data("a".utf8), message: message)
                != HMACSHA256.sign(key: Data("b".utf8), message: message))
    }
}
