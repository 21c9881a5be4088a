import Foundation

/// The file `haven login` writes: the server URL and the token, readable by its owner only.
struct LoginFile: Codable, Sendable {
    var url: String
    var token: String
    var caFile: String?

    static func read(_ file: URL) -> LoginFile? {
        guard let data = FileManager.default.contents(atPath: file.path) else { return nil }
        return try? JSONDecoder().decode(LoginFile.self, from: data)
    }

    func write(to file: URL) throws {
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        let data = try JSONEncoder().encode(self)
        guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600])
        else {
            throw CLIError.failure("cannot write \(file.path); check that its folder is writable")
        }
    }
}
