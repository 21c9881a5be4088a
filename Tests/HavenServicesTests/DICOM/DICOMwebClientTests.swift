import Foundation
import HavenServices
import Testing

@Suite struct DICOMwebClientTests {
    static let client = DICOMwebClient(
        endpoint: DICOMwebEndpoint(baseURL: URL(string: "http://127.0.0.1:8042/dicom-web")!, username: "haven"))

    @Test func retrieveURLsAreRebasedOntoTheConfiguredServer() throws {
        // Host, port, credentials, query and the server's own root are all dropped; only /studies/... is kept.
        let rebased = try Self.client.rebase(
            "https://mallory:pw@elsewhere.example:9443/proxy/wado/studies/1.2.3/series/4.5.6?token=x#frag")
        #expect(rebased.absoluteString == "http://127.0.0.1:8042/dicom-web/studies/1.2.3/series/4.5.6")
        #expect(
            try Self.client.rebase("http://127.0.0.1:8042/dicom-web/studies/1.2.3").absoluteString
                == "http://127.0.0.1:8042/dicom-web/studies/1.2.3")
    }

    @Test func retrieveURLsThatClimbOutOrNameNoStudyAreRefused() {
        for url in [
            "http://127.0.0.1:8042/dicom-web/studies/1.2/../../../tools/reset",
            "http://127.0.0.1:8042/instances/abc/file", "not a url at all",
        ] {
            #expect(throws: DICOMwebError.self, "\(url)") { try Self.client.rebase(url) }
        }
    }

    @Test func endpointSettingKeepsCredentialsOutOfTheURLAndTheDescription() throws {
        let endpoint = try DICOMwebEndpoint(
            url: "http://haven:s3cret@127.0.0.1:8042/dicom-web/", setting: "HAVEN_PACS_URL")
        #expect(endpoint.baseURL.absoluteString == "http://127.0.0.1:8042/dicom-web")
        #expect(endpoint.username == "haven" && endpoint.password == "s3cret")
        #expect(!endpoint.description.contains("s3cret"))
        #expect(throws: DICOMwebError.self) { try DICOMwebEndpoint(url: "ftp://host/x", setting: "HAVEN_PACS_URL") }
    }

    @Test func projectUIDsComeFromTheKeyedDigestOfTheOriginal() {
        // Worked out with Python's hmac and hashlib: key bytes 0..31, HMAC-SHA256 of the UID, first 16 bytes as a
        // big-endian integer, after "2.25.".
        let key = Data((0..<32).map { UInt8($0) })
        #expect(DICOMUID.derive(key: key, original: "1.2.3.4") == "2.25.251204938985386198944672589090342907187")
        #expect(
            DICOMUID.derive(key: key, original: "1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573")
                == "2.25.298886179323541527101690243107648035770")
    }
}
