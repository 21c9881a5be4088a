/// A storage backend's failure, with the object path and what went wrong; never a credential.
struct StorageError: Error, Sendable, CustomStringConvertible {
    enum Code: String, Sendable {
        /// Something already sits at the path.
        case exists
        /// Nothing sits at the path.
        case missing
        /// The backend could not be reached or refused the request.
        case unavailable
    }

    var code: Code
    var path: String
    var message: String

    init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    var description: String { "\(code.rawValue) `\(path)`: \(message)" }
}
