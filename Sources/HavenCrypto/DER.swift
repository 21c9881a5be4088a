import Foundation

/// The few DER (ASN.1) encodings a verification key and an ECDSA signature need.
enum DER {
    static func sequence(_ parts: [Data]) -> Data { element(0x30, parts.reduce(Data(), +)) }

    /// A non-negative INTEGER from big-endian bytes: leading zeros dropped, a zero added when the top bit is set.
    static func unsignedInteger(_ bytes: Data) -> Data {
        var value = Data(bytes.drop { $0 == 0 })
        if value.isEmpty || value[value.startIndex] & 0x80 != 0 { value.insert(0, at: 0) }
        return element(0x02, value)
    }

    static func bitString(_ bytes: Data) -> Data { element(0x03, Data([0]) + bytes) }

    static let null = Data([0x05, 0x00])

    static func objectIdentifier(_ encoded: [UInt8]) -> Data { element(0x06, Data(encoded)) }

    static func element(_ tag: UInt8, _ content: Data) -> Data {
        var out = Data([tag])
        let count = content.count
        if count < 0x80 {
            out.append(UInt8(count))
        } else {
            var length = withUnsafeBytes(of: UInt32(count).bigEndian) { Data($0) }
            length = Data(length.drop { $0 == 0 })
            out.append(0x80 | UInt8(length.count))
            out.append(length)
        }
        return out + content
    }
}
