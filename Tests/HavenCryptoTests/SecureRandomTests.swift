import Foundation
import HavenCrypto
import Testing

@Suite("Secure random")
struct SecureRandomTests {
    @Test func bytesHaveTheRequestedCount() {
        #expect(SecureRandom.bytes(0).count == 0)
        #expect(SecureRandom.bytes(17).count == 17)
    }

    @Test func tokensAreDistinctBase64URLOfTheRightLength() {
        let tokens = (0..<100).map { _ in SecureRandom.token() }

        // 32 bytes are 256 bits; base64 carries 6 bits a character, so ceil(256 / 6) = 43 characters.
        #expect(tokens.allSatisfy { $0.count == 43 })
        #expect(Set(tokens).count == 100)
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        #expect(tokens.allSatisfy { $0.allSatisfy(alphabet.contains) })
    }

    @Test func shortTokenLengthFollowsByteCount() {
        // 16 bytes = 128 bits, ceil(128 / 6) = 22 characters.
        #expect(SecureRandom.token(bytes: 16).count == 22)
    }

    @Test func base64URLRoundTripsBytesThatNeedTheURLAlphabet() {
        // 0xfb 0xff encodes to "+/8=" in standard base64, so "-_8" in base64url without padding.
        let data = Data([0xfb, 0xff])
        #expect(Base64URL.encode(data) == "-_8")
        #expect(Base64URL.decode("-_8") == data)
    }
}

@Suite("Constant-time comparison")
struct ConstantTimeEqualsTests {
    @Test func equalBytesCompareEqual() {
        #expect(constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 3])))
        #expect(constantTimeEquals(Data(), Data()))
    }

    @Test func differingBytesOrLengthsCompareUnequal() {
        #expect(!constantTimeEquals(Data([1, 2, 3]), Data([1, 2, 4])))
        #expect(!constantTimeEquals(Data([1, 2, 3]), Data([1, 2])))
    }
}
