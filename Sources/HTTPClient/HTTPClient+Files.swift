import Foundation

extension HTTPClient {
    /// The files of one transfer, opened on the transfer thread.
    struct OpenedFiles {
        var source: TransferState.Source?
        var sourceSize: Int?
        var destination: FileHandle?
        private var handles: [FileHandle] = []

        init(source: TransferState.Source?, sourceSize: Int?, destination: FileHandle?) {
            self.source = source
            self.sourceSize = sourceSize
            self.destination = destination
            if case .file(let handle) = source { handles.append(handle) }
            if let destination { handles.append(destination) }
        }

        func close() {
            for handle in handles { try? handle.close() }
        }
    }

    static func open(source: BodySpec?, destination: URL?, url: String) throws(HTTPClientError) -> OpenedFiles {
        var opened = OpenedFiles(source: nil, sourceSize: nil, destination: nil)
        switch source {
        case .data(let data):
            opened = OpenedFiles(source: .data(data, offset: 0), sourceSize: data.count, destination: nil)
        case .file(let file):
            do {
                let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int
                let handle = try FileHandle(forReadingFrom: file)
                opened = OpenedFiles(source: .file(handle), sourceSize: size, destination: nil)
            } catch {
                throw HTTPClientError(
                    .file, "cannot read upload file \(file.path): \(error.localizedDescription)", url: url)
            }
        case nil:
            break
        }

        guard let destination else { return opened }
        guard FileManager.default.createFile(atPath: destination.path, contents: nil),
            let handle = try? FileHandle(forWritingTo: destination)
        else {
            opened.close()
            throw HTTPClientError(
                .file, "cannot create download file \(destination.path); check that its folder exists and is writable",
                url: url)
        }
        return OpenedFiles(source: opened.source, sourceSize: opened.sourceSize, destination: handle)
    }
}
