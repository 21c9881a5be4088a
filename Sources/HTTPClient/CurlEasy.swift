internal import CCurl
internal import CHavenShims
import Foundation

/// Owns one curl easy handle, the error buffer curl writes into, and the header list it borrows.
///
/// One handle serves one request on one thread; the class is deliberately not `Sendable`.
final class CurlEasy {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private var headerList: CurlHeaderList?
    private let url: String

    /// Makes a handle for a request to `url` (already stripped of secrets, used only in errors).
    init(url: String) throws(HTTPClientError) {
        _ = CurlGlobal.initialized
        guard let handle = curl_easy_init() else {
            throw HTTPClientError(.other, "curl could not allocate an easy handle", url: url)
        }

        self.handle = handle
        self.url = url
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    func set(_ option: CURLoption, _ value: Int) throws(HTTPClientError) {
        try check(haven_curl_setopt_long(handle, option, value), option)
    }

    func set(_ option: CURLoption, _ value: String) throws(HTTPClientError) {
        // curl copies string options (since 7.17), so the temporary C string may go away afterwards.
        try check(haven_curl_setopt_string(handle, option, value), option)
    }

    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws(HTTPClientError) {
        try check(haven_curl_setopt_pointer(handle, option, pointer), option)
    }

    func set(_ option: CURLoption, offset: Int64) throws(HTTPClientError) {
        try check(haven_curl_setopt_off(handle, option, curl_off_t(offset)), option)
    }

    /// Sets the request headers; the handle keeps the list alive until it is replaced or the handle goes away.
    func setHeaders(_ lines: [String]) throws(HTTPClientError) {
        guard let list = CurlHeaderList(lines) else {
            throw HTTPClientError(.other, "curl could not allocate the request header list", url: url)
        }
        try set(CURLOPT_HTTPHEADER, pointer: UnsafeMutableRawPointer(list.pointer))
        headerList = list
    }

    func installCallbacks() throws(HTTPClientError) {
        try check(haven_curl_setopt_write_function(handle, CurlCallbacks.write), CURLOPT_WRITEFUNCTION)
        try check(haven_curl_setopt_header_function(handle, CurlCallbacks.header), CURLOPT_HEADERFUNCTION)
        try check(haven_curl_setopt_read_function(handle, CurlCallbacks.read), CURLOPT_READFUNCTION)
        try check(haven_curl_setopt_xferinfo_function(handle, CurlCallbacks.progress), CURLOPT_XFERINFOFUNCTION)
    }

    /// Runs the transfer on the calling thread; returns curl's result and the message in its error buffer.
    func perform() -> (code: CURLcode, detail: String) {
        errorBuffer[0] = 0
        let code = curl_easy_perform(handle)
        return (code, String(cString: errorBuffer))
    }

    func responseCode() -> Int {
        var status = 0
        _ = haven_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return status
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(HTTPClientError) {
        guard code != CURLE_OK else { return }
        let reason = String(cString: curl_easy_strerror(code))
        throw HTTPClientError(
            .invalidRequest, "curl refused option \(option.rawValue): \(reason); this curl build lacks the feature",
            url: url)
    }
}

/// curl_global_init is not thread-safe; a static let runs it exactly once, before the first handle.
enum CurlGlobal {
    static let initialized: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK
}
