/// How a session's gateway reaches its app for each connection it lets in.
enum SessionAppTarget: Sendable {
    /// A new login shell for every connection.
    case shell
    /// The app listens on a Unix-domain socket in the session's private work folder.
    case unixSocket(String)
    /// The app listens on this node's loopback interface only.
    case loopbackPort(UInt16)
}
