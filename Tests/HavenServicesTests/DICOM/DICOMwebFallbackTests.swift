import Foundation
import HTTPServer
import HavenLogging
import HavenServices
import Synchronization
import Testing

@Suite struct DICOMwebFallbackTests {
    /// A stand-in DICOMweb server (a fake: Orthanc accepts Haven's first media type, so it cannot show the
    /// fallback) that refuses any `Accept` naming a transfer syntax with 406, as some PACS do, and answers the
    /// plain `multipart/related; type="application/dicom"` with two parts.
    @Test func retrieveFallsBackToAMediaTypeTheServerAccepts() async throws {
        let accepted = Mutex<[String]>([])
        var router = Router()
        router.add("GET", "/dicom-web/studies/:study/series/:series") { request in
            let accept = request.header("accept") ?? ""
            accepted.withLock { $0.append(accept) }
            guard !accept.contains("transfer-syntax") else { return .text("not acceptable", status: 406) }
            let body =
                "--b1\r\nContent-Type: application/dicom\r\n\r\nFIRST\r\n--b1\r\nContent-Type: application/dicom"
                + "\r\n\r\nSECOND\r\n--b1--\r\n"
            return HTTPResponse(
                status: 200, headers: ["Content-Type": "multipart/related; type=\"application/dicom\"; boundary=b1"],
                body: Data(body.utf8))
        }
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        let server = try HTTPServer(configuration: configuration, router: router, logger: .disabled)
        try server.start()
        defer { Task { await server.shutdown() } }

        let endpoint = DICOMwebEndpoint(baseURL: URL(string: "http://127.0.0.1:\(server.port)/dicom-web")!)
        let folder = FileManager.default.temporaryDirectory.appending(path: "haven-fallback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = try await DICOMwebClient(endpoint: endpoint).retrieveSeries(
            study: "1.2.3", series: "4.5", into: folder)

        #expect(try files.map { String(decoding: try Data(contentsOf: $0), as: UTF8.self) } == ["FIRST", "SECOND"])
        #expect(
            accepted.withLock { $0 }
                == [
                    "multipart/related; type=\"application/dicom\"; transfer-syntax=*",
                    "multipart/related; type=\"application/dicom\"",
                ])
    }
}
