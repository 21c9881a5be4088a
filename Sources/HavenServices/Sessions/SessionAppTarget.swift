import Foundation

/// How a session's gateway reaches its app for each connection it lets in.
enum SessionAppTarget: Sendable {
    /// A new login shell for every connection.
    case shell
    /// The app listens on a Unix-domain socket in the session's private work folder.
    case unixSocket(String)
    /// The app listens on this node's loopback interface only.
    case loopbackPort(UInt16)

    /// Removes the private folder of the app's socket, once the app has ended.
    func removeFiles() {
        guard case .unixSocket(let path) = self else { return }
        try? FileManager.default.removeItem(at: URL(filePath: path).deletingLastPathComponent())
    }
}
