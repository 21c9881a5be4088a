import Foundation

/// A migration file read from disk: its place in the order, its SQL, and its bytes for the checksum.
struct MigrationFile: Sendable {
    var version: Int
    var name: String
    var contents: Data

    /// Reads every `NNNN_name.sql` in `directory`, ordered by number; other files are ignored.
    ///
    /// - Throws: ``PostgresError/Code/migration`` if the folder cannot be read, two files share a number,
    ///   or a file is not UTF-8 text.
    static func load(from directory: URL) throws -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw PostgresError(
                .migration, "cannot read the migrations folder \(directory.path); check that it exists and is readable")
        }

        let files = try names.compactMap { name in try load(name, in: directory) }.sorted { $0.version < $1.version }
        for (earlier, later) in zip(files, files.dropFirst()) where earlier.version == later.version {
            throw PostgresError(
                .migration,
                "migrations \(earlier.name) and \(later.name) share version \(later.version); renumber the newer one")
        }
        return files
    }

    private static func load(_ name: String, in directory: URL) throws -> MigrationFile? {
        guard name.hasSuffix(".sql"), let underscore = name.firstIndex(of: "_"),
            let version = Int(name[..<underscore]), name[..<underscore].allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }

        let url = directory.appending(path: name)
        guard let contents = FileManager.default.contents(atPath: url.path),
            String(data: contents, encoding: .utf8) != nil
        else {
            throw PostgresError(.migration, "cannot read migration \(name) as UTF-8 text; check the file")
        }
        return MigrationFile(version: version, name: name, contents: contents)
    }

    var sql: String { String(decoding: contents, as: UTF8.self) }
}
