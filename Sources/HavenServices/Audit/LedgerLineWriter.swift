import Foundation
import HavenCore

/// Writes JSON-lines export lines straight into one reusable byte buffer.
///
/// The bytes are exactly what Foundation's `JSONEncoder` with sorted keys writes for ``HavenCore/AuditEvent`` and
/// ``LedgerRecord`` (absent optionals left out; `"`, `\` and `/` escaped; `\b \t \n \f \r` by name, other control
/// characters as `\u00xx`; everything else as UTF-8), so exports keep the encoding verifiers have always read.
/// `LedgerLineWriterTests` hold the two together byte for byte.
struct LedgerLineWriter {
    /// The lines written since the last ``take()``.
    private(set) var bytes: [UInt8] = []
    /// Whether the object being written has a member yet, so the next one needs a comma.
    private var hasMember = false

    init(capacity: Int = 1 << 20) {
        bytes.reserveCapacity(capacity)
    }

    /// The lines written so far, emptying the buffer but keeping its capacity.
    mutating func take() -> Data {
        defer { bytes.removeAll(keepingCapacity: true) }
        return Data(bytes)
    }

    /// Text written as it is, such as CSV records.
    mutating func appendRaw(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// An entry line, members in sorted order.
    mutating func append(_ event: AuditEvent) {
        begin()
        member("action", event.action)
        member("actor", event.actor)
        member("bytes", event.bytes)
        member("clientAddress", event.clientAddress)
        member("clockSkewed", event.clockSkewed)
        member("decision", event.decision)
        member("detail", event.detail)
        member("hash", event.hash)
        member("jobID", event.jobID)
        member("onBehalfOf", event.onBehalfOf)
        member("outcome", event.outcome.rawValue)
        member("projectID", event.projectID)
        member("purpose", event.purpose)
        member("requestID", event.requestID)
        member("resource", event.resource)
        member("role", event.role)
        member("rule", event.rule)
        member("sequence", event.sequence)
        member("sessionID", event.sessionID)
        member("sourceTime", event.sourceTime)
        member("time", event.time)
        end()
    }

    /// A record line (start, omitted entry or checkpoint), members in sorted order.
    mutating func append(_ record: LedgerRecord) {
        begin()
        member("digest", record.digest)
        member("hash", record.hash)
        member("publicKey", record.publicKey)
        member("sequence", record.sequence)
        member("signature", record.signature)
        member("time", record.time)
        member("type", record.type.rawValue)
        end()
    }

    private mutating func begin() {
        bytes.append(UInt8(ascii: "{"))
        hasMember = false
    }

    private mutating func end() {
        bytes.append(UInt8(ascii: "}"))
        bytes.append(0x0a)
    }

    private mutating func name(_ name: StaticString) {
        if hasMember { bytes.append(UInt8(ascii: ",")) }
        hasMember = true
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    private mutating func member(_ key: StaticString, _ value: String?) {
        guard var value else { return }
        name(key)
        value.withUTF8 { appendString($0) }
    }

    private mutating func member(_ key: StaticString, _ value: Int64?) {
        guard let value else { return }
        name(key)
        appendInteger(value)
    }

    private mutating func member(_ key: StaticString, _ value: Bool?) {
        guard let value else { return }
        name(key)
        bytes.append(contentsOf: value ? Self.trueBytes : Self.falseBytes)
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func appendInteger(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 19 digits, written backwards
        withUnsafeMutableBytes(of: &digits) { buffer in
            var index = buffer.count
            repeat {
                index -= 1
                buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: buffer[index...])
        }
    }

    /// A JSON string: runs of bytes that need no escape are copied whole.
    private mutating func appendString(_ text: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for (index, byte) in text.enumerated() {
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/")
            else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart..<index]))
            appendEscape(byte)
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[runStart...]))
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0a: bytes.append(UInt8(ascii: "n"))
        case 0x0c: bytes.append(UInt8(ascii: "f"))
        case 0x0d: bytes.append(UInt8(ascii: "r"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0x0f)])
        }
    }
}
