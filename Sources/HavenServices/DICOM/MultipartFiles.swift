import Foundation
import HavenCore

/// Reads and writes `multipart/related` bodies of DICOM files.
enum MultipartFiles {
    /// The `boundary` parameter of a multipart content type, quotes removed.
    static func boundary(of contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "boundary" else {
                continue
            }
            return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// Splits the multipart body in `file` into one file per part in `folder`, reading 64 KiB at a time.
    static func split(_ file: URL, contentType: String, into folder: URL) throws -> [URL] {
        guard contentType.lowercased().hasPrefix("multipart/related"), let boundary = boundary(of: contentType) else {
            throw DICOMwebError.badResponse("expected multipart/related with a boundary, got `\(contentType)`")
        }
        let input = try FileHandle(forReadingFrom: file)
        defer { try? input.close() }
        var splitter = MultipartSplitter(boundary: boundary)
        var writer = PartWriter(folder: folder)
        defer { writer.close() }
        while let chunk = try input.read(upToCount: 64 << 10), !chunk.isEmpty {
            for event in try splitter.feed([UInt8](chunk)) { try writer.handle(event) }
        }
        do {
            try splitter.finish()
        } catch {
            throw DICOMwebError.badResponse("the multipart body ended before its closing boundary")
        }
        return writer.files
    }

    /// One body holding every file as an `application/dicom` part.
    static func body(_ files: [URL], boundary: String) throws -> Data {
        var body = Data()
        for file in files {
            body += Data("--\(boundary)\r\nContent-Type: application/dicom\r\n\r\n".utf8)
            body += try Data(contentsOf: file)
            body += Data("\r\n".utf8)
        }
        body += Data("--\(boundary)--\r\n".utf8)
        return body
    }

    /// Writes each part to a file of its own.
    struct PartWriter {
        let folder: URL
        var files: [URL] = []
        var current: FileHandle?

        mutating func handle(_ event: MultipartSplitter.Event) throws {
            switch event {
            case .partStart(let headers):
                let type = headers["content-type"]?.lowercased() ?? ""
                guard type.hasPrefix("application/dicom") else {
                    throw DICOMwebError.badResponse("a part is `\(type)`, not application/dicom")
                }
                let file = folder.appending(path: String(format: "%05d.dcm", files.count + 1))
                guard FileManager.default.createFile(atPath: file.path, contents: nil) else {
                    throw DICOMwebError.badResponse("cannot create `\(file.path)` for a retrieved instance")
                }
                current = try FileHandle(forWritingTo: file)
                files.append(file)
            case .body(let bytes):
                try current?.write(contentsOf: bytes)
            case .partEnd:
                try current?.close()
                current = nil
            }
        }

        func close() {
            try? current?.close()
        }
    }
}
