import Foundation

extension HTTPServer {
    static func validate(_ configuration: HTTPServerConfiguration) throws(HTTPServerError) {
        guard (0...65535).contains(configuration.port) else {
            throw HTTPServerError(
                .invalidConfiguration,
                "port \(configuration.port) is out of range; use 0 to 65535 (0 picks a free port)")
        }
        guard configuration.threads >= 1 && configuration.threads <= 1024 else {
            throw HTTPServerError(.invalidConfiguration, "threads is \(configuration.threads); use 1 to 1024")
        }
        guard configuration.maximumBodyBytes >= 0 else {
            throw HTTPServerError(
                .invalidConfiguration, "maximumBodyBytes is \(configuration.maximumBodyBytes); use 0 or more")
        }
        guard configuration.drainTimeout >= .zero && configuration.idleTimeout >= .zero else {
            throw HTTPServerError(.invalidConfiguration, "drainTimeout and idleTimeout must not be negative")
        }
    }

    /// The certificate and key PEM text, nil for plain HTTP.
    static func readTLS(
        _ configuration: HTTPServerConfiguration
    ) throws(HTTPServerError) -> (certificate: String, key: String)? {
        switch (configuration.tlsCertificatePath, configuration.tlsKeyPath) {
        case (nil, nil):
            return nil
        case (let certificate?, let key?):
            return (try readPEM(certificate, what: "certificate"), try readPEM(key, what: "private key"))
        default:
            throw HTTPServerError(
                .invalidConfiguration,
                "only one of tlsCertificatePath and tlsKeyPath is set; set both to serve HTTPS or neither for HTTP")
        }
    }

    private static func readPEM(_ path: String, what: String) throws(HTTPServerError) -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw HTTPServerError(
                .tlsFileUnreadable, "cannot read the TLS \(what) at \(path); check that it exists and is readable")
        }

        // The key's content is a secret, so the message names only the file.
        guard text.contains("-----BEGIN ") else {
            throw HTTPServerError(.tlsFileUnreadable, "the TLS \(what) at \(path) is not in PEM format")
        }
        return text
    }
}
