import Foundation
import HavenCrypto
import HavenTestSupport
import Testing

@testable import HavenServices

@Suite struct KeyEncryptionKeyTests {
    @Test func keyIDIsTheFirstSixteenHexDigitsOfTheKeysSHA256() throws {
        // SHA-256 of 32 zero bytes is 66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925.
        let key = try KeyEncryptionKey(bytes: Data(repeating: 0, count: 32))
        #expect(key.id == "66687aadf862bd77")
        #expect(key.description == "KeyEncryptionKey(66687aadf862bd77)")
    }

    @Test func fileReadableByGroupOrOthersIsRefused() throws {
        let folder = try Repository.temporaryFolder("kek")
        let file = folder.appending(path: "vault.kek")
        try Data((SecureRandom.bytes(32).base64EncodedString() + "\n").utf8).write(to: file)
        for mode in [0o640, 0o604] {
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: file.path)
            let error = try #require(throws: VaultError.self) { try KeyEncryptionKey.load(file: file) }
            #expect(error.code == .keyFileUnsafe)
            #expect(error.message.contains("chmod 600"))
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        #expect(throws: Never.self) { try KeyEncryptionKey.load(file: file) }
    }

    @Test func homeKeyFileIsCreatedOwnerOnlyAndReusedOnTheNextStart() throws {
        let home = try Repository.temporaryFolder("kek-home")
        let first = try VaultKeySource.home.load(home: home)
        let file = home.appending(path: "vault.kek")
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try VaultKeySource.home.load(home: home).id == first.id)
    }

    @Test func keyOfWrongLengthOrNotBase64IsRefused() {
        let short = #expect(throws: VaultError.self) {
            try KeyEncryptionKey(base64: Data(count: 16).base64EncodedString())
        }
        #expect(short?.code == .keyInvalid)
        let garbage = #expect(throws: VaultError.self) { try KeyEncryptionKey(base64: "not base64!") }
        #expect(garbage?.code == .keyInvalid)
    }

    @Test func copiedBoxesOpenOnlyForTheBindingTheyWereSealedFor() throws {
        let kek = KeyEncryptionKey.random()
        let keyring = VaultKeyring(current: kek)
        let binding = SecretSealer.Binding(projectID: "p1", name: "pacs", version: 1)
        let sealed = try SecretSealer.seal(Data("v".utf8), for: binding, kek: kek)
        #expect(try SecretSealer.open(sealed, for: binding, keyring: keyring) == Data("v".utf8))
        for other in [
            SecretSealer.Binding(projectID: "p2", name: "pacs", version: 1),
            SecretSealer.Binding(projectID: "p1", name: "s3", version: 1),
            SecretSealer.Binding(projectID: "p1", name: "pacs", version: 2),
        ] {
            let error = #expect(throws: VaultError.self) { try SecretSealer.open(sealed, for: other, keyring: keyring) }
            #expect(error?.code == .sealedValueRefused)
        }
    }
}
