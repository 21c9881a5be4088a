/// A small, strict reader for the flat JSON objects a ledger export writes, one object a line.
///
/// It reads only what the exporter writes: one object whose values are strings, non-negative integers and booleans.
/// Anything else (nesting, `null`, fractions, exponents, leading zeros, lone surrogates, invalid UTF-8, trailing
/// text) makes it give up with nil, and the verifier then falls back to Foundation's decoder, so a line outside
/// these shapes is judged exactly as before.
struct LedgerLineParser {
    /// A value of the object.
    enum Value {
        /// A string that held escapes or non-ASCII text.
        case string(String)
        /// An ASCII string without escapes, as the bytes between its quotes (valid only while the line is).
        case ascii(UnsafeBufferPointer<UInt8>)
        case integer(Int64)
        case bool(Bool)
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Calls `member` with each of the object's members in order, the name as its UTF-8 bytes; false if `bytes` is
    /// not one flat object of the shapes above, a name holds an escape, or `member` returned false.
    static func forEachMember(
        of bytes: UnsafeBufferPointer<UInt8>, _ member: (UnsafeBufferPointer<UInt8>, Value) -> Bool
    ) -> Bool {
        var parser = LedgerLineParser(bytes)
        return parser.object(member)
    }

    private mutating func object(_ member: (UnsafeBufferPointer<UInt8>, Value) -> Bool) -> Bool {
        skipSpace()
        guard take(UInt8(ascii: "{")) else { return false }
        skipSpace()
        if take(UInt8(ascii: "}")) { return end() }

        while true {
            skipSpace()
            guard let key = name() else { return false }
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return false }
            skipSpace()
            guard let value = value(), member(key, value) else { return false }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "}")) else { return false }
            return end()
        }
    }

    /// Whether only whitespace follows.
    private mutating func end() -> Bool {
        skipSpace()
        return index == bytes.count
    }

    private mutating func value() -> Value? {
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return string()
        case UInt8(ascii: "t"):
            return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"):
            return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return integer().map(Value.integer)
        default:
            return nil
        }
    }

    /// A non-negative integer without leading zeros that fits in 18 digits, so it cannot overflow.
    private mutating func integer() -> Int64? {
        let start = index
        var value: Int64 = 0
        while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
            value = value * 10 + Int64(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        let digits = index - start
        guard digits <= 18, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        // A fraction or exponent is valid JSON but never written here; the fallback decides on it.
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            default: break
            }
        }
        return value
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    /// A member name without escapes, as the bytes between its quotes.
    private mutating func name() -> UnsafeBufferPointer<UInt8>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
            case UInt8(ascii: "\\"), 0..<0x20:
                return nil
            default:
                index += 1
            }
        }
        return nil
    }

    /// A string; its bytes are copied only when it holds escapes.
    private mutating func string() -> Value? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = index
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                // ASCII is valid UTF-8 as it stands; anything else is checked.
                return ascii ? .ascii(text) : String(validating: text, as: UTF8.self).map(Value.string)
            }
            if byte == UInt8(ascii: "\\") { return escapedString(from: start).map(Value.string) }
            guard byte >= 0x20 else { return nil }
            ascii = ascii && byte < 0x80
            index += 1
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var text = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(validating: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { return nil }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escape)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0c)
                case UInt8(ascii: "n"): text.append(0x0a)
                case UInt8(ascii: "r"): text.append(0x0d)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    guard let scalar = unicodeEscape() else { return nil }
                    text.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
            default:
                guard byte >= 0x20 else { return nil }
                text.append(byte)
            }
        }
        return nil
    }

    /// The scalar of a `\u` escape whose `\u` has been read, joining a surrogate pair; nil for a lone surrogate.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let first = hexQuad() else { return nil }
        switch first {
        case 0xd800...0xdbff:
            guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let second = hexQuad(),
                (0xdc00...0xdfff).contains(second)
            else { return nil }
            return Unicode.Scalar(0x10000 + (first - 0xd800) << 10 + (second - 0xdc00))
        case 0xdc00...0xdfff:
            return nil
        default:
            return Unicode.Scalar(first)
        }
    }

    private mutating func hexQuad() -> UInt32? {
        guard bytes.count - index >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0a, 0x0d: index += 1
            default: return
            }
        }
    }
}
