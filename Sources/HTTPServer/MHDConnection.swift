internal import CHavenShims
internal import CMicroHTTPD
import Foundation

/// A borrowed libmicrohttpd connection, valid only during the callback that received it.
struct MHDConnection {
    let pointer: OpaquePointer

    /// The request header `name` (case-insensitive), if present.
    func header(_ name: String) -> String? {
        MHD_lookup_connection_value(pointer, .HEADER_KIND, name).map { String(cString: $0) }
    }

    /// All request headers with lowercased names; repeats are joined with ", ".
    func headers() -> [String: String] {
        values(of: .HEADER_KIND, lowercasingNames: true)
    }

    /// The query arguments, already percent-decoded by MHD; the first value of a repeated name wins.
    func query() -> [String: String] {
        values(of: .GET_ARGUMENT_KIND, lowercasingNames: false)
    }

    /// The peer's numeric IP address, or an empty string if MHD does not know it.
    func clientAddress() -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        haven_mhd_client_address(pointer, &buffer, buffer.count)
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Queues `response` to be sent once the access callback returns; false if MHD refused it.
    ///
    /// A streamed body is read from `channel`, which the MHD response keeps (retained) until MHD frees it.
    func queue(_ response: HTTPResponse, streamingFrom channel: StreamChannel? = nil) -> Bool {
        guard let created = makeResponse(response, channel) else { return false }
        defer { MHD_destroy_response(created) }

        for (name, value) in response.headers where name.lowercased() != "content-length" {
            guard MHD_add_response_header(created, name, value) == .YES else { return false }
        }
        return MHD_queue_response(pointer, UInt32(response.status), created) == .YES
    }

    private func makeResponse(_ response: HTTPResponse, _ channel: StreamChannel?) -> OpaquePointer? {
        guard let channel else {
            return response.body.withUnsafeBytes { bytes in
                // MUST_COPY: MHD takes its own copy, so the Swift buffer may go away when this returns.
                MHD_create_response_from_buffer(
                    bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
            }
        }

        // An unknown size (UInt64.max, MHD_SIZE_UNKNOWN) makes MHD send the body chunked.
        let context = Unmanaged.passRetained(channel).toOpaque()
        let created = MHD_create_response_from_callback(
            UInt64.max, MHDStreamCallbacks.blockSize, MHDStreamCallbacks.read, context, MHDStreamCallbacks.free)
        // MHD calls the free callback only for a response it made, so a failed call leaves the channel to us.
        if created == nil { Unmanaged<StreamChannel>.fromOpaque(context).release() }
        return created
    }

    private func values(of kind: MHD_ValueKind, lowercasingNames: Bool) -> [String: String] {
        let collector = ValueCollector(lowercasingNames: lowercasingNames)
        let context = Unmanaged.passUnretained(collector).toOpaque()
        withExtendedLifetime(collector) {
            _ = MHD_get_connection_values(pointer, kind, Self.collect, context)
        }
        return collector.values
    }

    private static let collect: MHD_KeyValueIterator = { context, _, key, value in
        guard let context, let key else { return .YES }
        let collector = Unmanaged<ValueCollector>.fromOpaque(context).takeUnretainedValue()
        collector.add(String(cString: key), value.map { String(cString: $0) } ?? "")
        return .YES
    }
}

/// Gathers the name/value pairs MHD's iterator hands out one at a time.
private final class ValueCollector {
    let lowercasingNames: Bool
    var values: [String: String] = [:]

    init(lowercasingNames: Bool) {
        self.lowercasingNames = lowercasingNames
    }

    func add(_ name: String, _ value: String) {
        if lowercasingNames {
            let name = name.lowercased()
            values[name] = values[name].map { "\($0), \(value)" } ?? value
        } else if values[name] == nil {
            values[name] = value
        }
    }
}
