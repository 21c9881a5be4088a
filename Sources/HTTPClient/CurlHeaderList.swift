internal import CCurl

/// Owns a `curl_slist` of header lines and frees it in `deinit`.
///
/// curl only borrows the list during `curl_easy_perform`, so the list must outlive the transfer;
/// ``CurlEasy`` keeps a reference for that reason.
final class CurlHeaderList {
    private(set) var pointer: UnsafeMutablePointer<curl_slist>?

    /// Copies `lines` into a new list; nil if curl cannot allocate it.
    init?(_ lines: [String]) {
        for line in lines {
            // curl_slist_append copies the string; on failure it leaves the old list intact, freed in deinit.
            guard let appended = curl_slist_append(pointer, line) else { return nil }
            pointer = appended
        }
    }

    deinit {
        curl_slist_free_all(pointer)
    }
}
