import Foundation
import HTTPServer

/// The request headers that fill an audit entry's purpose, session and source time.
///
/// `X-Haven-Purpose` says why the caller acts (a study protocol, a ticket); `X-Haven-Session` names the caller's
/// session; `X-Haven-Source-Time` is the caller's clock (ISO 8601), which the ledger keeps beside the server's
/// and flags when the two differ by more than the allowed skew.
struct AuditHeaders: Sendable, Equatable {
    static let purposeName = "X-Haven-Purpose"
    static let sessionName = "X-Haven-Session"
    static let sourceTimeName = "X-Haven-Source-Time"
    static let maximumPurposeBytes = 512
    static let maximumSessionBytes = 128

    var purpose: String?
    var sessionID: String?
    var sourceTime: Date?

    init(purpose: String? = nil, sessionID: String? = nil, sourceTime: Date? = nil) {
        self.purpose = purpose
        self.sessionID = sessionID
        self.sourceTime = sourceTime
    }

    /// Reads the headers of `request`; absent or empty ones stay nil.
    ///
    /// - Throws: ``HTTPServer/HTTPError`` 400 naming the header, what is wrong with it and what it must be.
    init(_ request: HTTPRequest) throws {
        purpose = try Self.purpose(request.header(Self.purposeName))
        sessionID = try Self.session(request.header(Self.sessionName))
        sourceTime = try Self.sourceTime(request.header(Self.sourceTimeName))
    }

    private static func purpose(_ value: String?) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        guard value.utf8.count <= maximumPurposeBytes, !value.unicodeScalars.contains(where: { $0.value < 0x20 })
        else {
            throw HTTPError.badRequest(
                "header \(purposeName) must be at most \(maximumPurposeBytes) bytes of text without control "
                    + "characters; shorten it")
        }
        return value
    }

    private static func session(_ value: String?) throws -> String? {
        guard let value, !value.isEmpty else { return nil }
        let allowed = value.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (0x30...0x39).contains(byte)
                || [UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":")].contains(byte)
        }
        guard allowed, value.utf8.count <= maximumSessionBytes else {
            throw HTTPError.badRequest(
                "header \(sessionName) must be 1 to \(maximumSessionBytes) characters of A-Z a-z 0-9 - _ . :")
        }
        return value
    }

    private static func sourceTime(_ value: String?) throws -> Date? {
        guard let value, !value.isEmpty else { return nil }
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        guard let date = (try? fractional.parse(value)) ?? (try? Date.ISO8601FormatStyle().parse(value)) else {
            throw HTTPError.badRequest(
                "header \(sourceTimeName) is `\(value.prefix(64))`; send an ISO 8601 time such as "
                    + "2026-12-03T10:15:30Z or 2026-12-03T10:15:30.250+01:00")
        }
        return date
    }
}
