import Foundation

/// A DICOMweb service: its base URL (the root under which `/studies` lives) and the credentials it wants.
///
/// The description never shows the password.
public struct DICOMwebEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The base URL without credentials, query or trailing slash, such as `http://127.0.0.1:8042/dicom-web`.
    public var baseURL: URL
    public var username: String?
    public var password: String?

    public init(baseURL: URL, username: String? = nil, password: String? = nil) {
        self.baseURL = baseURL
        self.username = username
        self.password = password
    }

    /// Reads `text`, a URL that may carry `user:password@`; throws naming the setting when it is not an HTTP URL.
    public init(url text: String, setting: String) throws {
        guard var components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        else {
            throw DICOMwebError.invalidEndpoint("\(setting) is not an http(s) URL; give it as http://HOST:PORT/ROOT")
        }
        let username = components.percentEncodedUser?.removingPercentEncoding
        let password = components.percentEncodedPassword?.removingPercentEncoding
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        while components.path.hasSuffix("/") { components.path.removeLast() }
        guard let url = components.url else {
            throw DICOMwebError.invalidEndpoint("\(setting) is not a valid URL")
        }
        self.init(baseURL: url, username: username, password: password)
    }

    /// The same server with `path` appended to the base, such as `/dicom-web` on an Orthanc root.
    public func appending(_ path: String) -> DICOMwebEndpoint {
        DICOMwebEndpoint(baseURL: baseURL.appending(path: path), username: username, password: password)
    }

    public var description: String {
        baseURL.absoluteString + (username.map { " (user \($0), password ***)" } ?? "")
    }
}
