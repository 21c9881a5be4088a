internal import CCurl
import Foundation

extension HTTPClientError {
    /// Turns a failed `curl_easy_perform` into an error with a hint at the fix.
    init(curl code: CURLcode, detail: String, fileError: (any Error)?, url: String) {
        let reason = String(cString: curl_easy_strerror(code))
        let explained = detail.isEmpty ? reason : "\(reason): \(detail)"
        if let fileError, code == CURLE_WRITE_ERROR || code == CURLE_READ_ERROR {
            self.init(.file, "local file failed during the transfer: \(fileError.localizedDescription)", url: url)
            return
        }

        let kind = Self.kind(of: code)
        self.init(kind, "\(explained); \(Self.hint(for: kind))", url: url)
    }

    private static func kind(of code: CURLcode) -> Code {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return .connect
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE:
            return .tls
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_WEIRD_SERVER_REPLY,
            CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .transfer
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT:
            return .invalidRequest
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        case CURLE_READ_ERROR, CURLE_WRITE_ERROR:
            return .file
        default:
            return .other
        }
    }

    private static func hint(for code: Code) -> String {
        switch code {
        case .connect: "check that the server is running and that the host and port are right"
        case .timeout: "check that the server is responsive or raise the request timeout"
        case .tls: "check the server certificate, or set caCertificatePath to the CA that signed it"
        case .transfer: "the connection broke or the server's answer was not HTTP; retry or check the server"
        case .invalidRequest: "check the URL and its scheme"
        case .file: "check the local file and its folder"
        case .cancelled: "the waiting task was cancelled"
        case .other: "see curl's message"
        }
    }
}
