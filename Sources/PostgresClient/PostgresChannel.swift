/// Checks and quotes `LISTEN` / `NOTIFY` channel names, which are SQL identifiers and cannot be parameters.
enum PostgresChannel {
    /// PostgreSQL truncates identifiers beyond 63 bytes, which would make two channels silently the same.
    static let maximumLength = 63

    /// `name` in double quotes, after checking that it holds only ASCII letters, digits and underscores.
    static func quoted(_ name: String, file: String = #fileID, line: Int = #line) throws -> String {
        let isValid =
            !name.isEmpty && name.utf8.count <= maximumLength
            && name.unicodeScalars.allSatisfy {
                $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
            }
        guard isValid else {
            throw PostgresError(
                .invalidArgument,
                "channel name \"\(name)\" is not valid; "
                    + "use 1 to \(maximumLength) ASCII letters, digits and underscores",
                file: file, line: line)
        }
        return "\"\(name)\""
    }
}
