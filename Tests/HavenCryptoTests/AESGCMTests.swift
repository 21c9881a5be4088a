import Foundation
import HavenCrypto
import Testing

@Suite struct AESGCMTests {
    /// NIST SP 800-38D test case 13 (Gladman/McGrew-Viega list): all-zero 256-bit key, all-zero 96-bit nonce and an
    /// empty message give the tag 530f8afbc74536b9a963b4f1c4cb738b. The sealed-box layout is nonce ‖ ct ‖ tag, so
    /// opening the hand-assembled box with the known tag proves the cipher and tag check match the standard.
    @Test func opensTheStandardAllZeroTestVector() throws {
        let key = Data(repeating: 0, count: 32)
        let box = Data(repeating: 0, count: 12) + hex("530f8afbc74536b9a963b4f1c4cb738b")
        #expect(try AESGCM.open(box, key: key) == Data())
    }

    /// Test case 14 of the same list: zero key and nonce, one zero block encrypts to cea7403d4d606b6e074ec5d3baf39d18
    /// with tag d0d1c8a799996bf0265b98b5d48ab919.
    @Test func opensTheStandardOneBlockTestVector() throws {
        let key = Data(repeating: 0, count: 32)
        let box =
            Data(repeating: 0, count: 12) + hex("cea7403d4d606b6e074ec5d3baf39d18")
            + hex("d0d1c8a799996bf0265b98b5d48ab919")
        #expect(try AESGCM.open(box, key: key) == Data(repeating: 0, count: 16))
    }

    @Test func sealedValueOpensWithTheSameKeyAndAssociatedData() throws {
        let key = SecureRandom.bytes(32)
        let message = Data("pacs-password-1".utf8)
        let box = try AESGCM.seal(message, key: key, associatedData: Data("row-a".utf8))

        // 12 nonce bytes + 15 message bytes + 16 tag bytes.
        #expect(box.count == 43)
        #expect(try AESGCM.open(box, key: key, associatedData: Data("row-a".utf8)) == message)
    }

    @Test func everyFlippedBitIsRefused() throws {
        let key = SecureRandom.bytes(32)
        let box = try AESGCM.seal(Data("secret".utf8), key: key, associatedData: Data("ad".utf8))
        for bit in 0..<(box.count * 8) {
            var altered = box
            altered[bit / 8] ^= UInt8(1 << (bit % 8))
            #expect(throws: HavenCryptoError.self) {
                try AESGCM.open(altered, key: key, associatedData: Data("ad".utf8))
            }
        }
    }

    @Test func wrongKeyOrAssociatedDataIsRefusedAsAuthenticationFailure() throws {
        let key = SecureRandom.bytes(32)
        let box = try AESGCM.seal(Data("secret".utf8), key: key, associatedData: Data("row-a".utf8))
        let wrongKey = try #require(throws: HavenCryptoError.self) {
            try AESGCM.open(box, key: SecureRandom.bytes(32), associatedData: Data("row-a".utf8))
        }
        #expect(wrongKey.code == .authenticationFailed)
        let wrongRow = try #require(throws: HavenCryptoError.self) {
            try AESGCM.open(box, key: key, associatedData: Data("row-b".utf8))
        }
        #expect(wrongRow.code == .authenticationFailed)
        #expect(!wrongRow.description.contains("secret"))
    }

    @Test func shortKeyAndTruncatedBoxAreInvalidInput() throws {
        let short = try #require(throws: HavenCryptoError.self) {
            try AESGCM.seal(Data("x".utf8), key: Data(repeating: 1, count: 16))
        }
        #expect(short.code == .invalidInput)
        let truncated = try #require(throws: HavenCryptoError.self) {
            try AESGCM.open(Data(repeating: 0, count: 27), key: Data(repeating: 0, count: 32))
        }
        #expect(truncated.code == .invalidInput)
    }

    @Test func twoSealsOfOneMessageDiffer() throws {
        let key = SecureRandom.bytes(32)
        let first = try AESGCM.seal(Data("same".utf8), key: key)
        let second = try AESGCM.seal(Data("same".utf8), key: key)
        #expect(first != second)
    }

    private func hex(_ text: String) -> Data {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return Data(bytes)
    }
}
