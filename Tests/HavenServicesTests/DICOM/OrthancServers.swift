import Foundation
import HavenServices
import HavenTestSupport

/// The two real Orthanc servers the DICOM tests use: `pacs`, a stand-in hospital PACS, and `store`, the projects'
/// DICOM store. Deploy/test.sh starts them with Deploy/services/orthanc.sh and exports their addresses.
struct OrthancServers: Sendable {
    /// Orthanc REST roots, credentials included.
    var pacsRoot: String
    var storeRoot: String
    /// The folder holding each server's storage, index and request log.
    var folder: URL

    var pacs: DICOMwebEndpoint { get throws { try DICOMwebEndpoint(url: pacsRoot + "/dicom-web", setting: "pacs") } }
    var store: DICOMwebEndpoint {
        get throws { try DICOMwebEndpoint(url: storeRoot + "/dicom-web", setting: "store") }
    }

    /// Every HTTP request the PACS has accepted so far, one `METHOD URI` a line.
    func pacsRequests() throws -> String {
        let log = folder.appending(path: "pacs/requests.log")
        return (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    }

    /// The store's files (instances and index) as bytes, for searching.
    func storeFiles() throws -> [URL] {
        try Self.files(under: folder.appending(path: "store"))
    }

    static func files(under root: URL) throws -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [] }
        return walker.compactMap { $0 as? URL }.filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    static func running() async throws -> OrthancServers {
        let environment = ProcessInfo.processInfo.environment
        if let pacs = environment["HAVEN_TEST_PACS_URL"], let store = environment["HAVEN_TEST_DICOM_STORE_URL"],
            let folder = environment["HAVEN_TEST_ORTHANC_DIR"]
        {
            return OrthancServers(pacsRoot: pacs, storeRoot: store, folder: URL(filePath: folder))
        }
        throw TestFailure(
            "HAVEN_TEST_PACS_URL, HAVEN_TEST_DICOM_STORE_URL and HAVEN_TEST_ORTHANC_DIR are unset: run Deploy/test.sh, "
                + "or export the lines `Deploy/services/orthanc.sh start /tmp/haven-test-orthanc` prints")
    }

    /// A Haven server whose PACS and DICOM store are these servers, with the usual project and members.
    func havenServer() async throws -> (TestServer, researcher: HavenClient, auditor: HavenClient) {
        let pacs = try pacs
        let store = try store
        let test = try await TestServer.start { configuration in
            configuration.pacs = pacs
            configuration.dicomStore = store
        }
        let (researcher, auditor) = try await test.projectWithMembers()
        return (test, researcher, auditor)
    }
}
