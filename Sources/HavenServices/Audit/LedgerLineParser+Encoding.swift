extension LedgerLineParser.Value {
    /// Appends `field` as the ledger's canonical encoding writes a present field: 1, a 4-byte big-endian length,
    /// the bytes.
    static func append(_ field: some Collection<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(1)
        let length = UInt32(field.count)
        bytes.append(UInt8(length >> 24))
        bytes.append(UInt8(length >> 16 & 0xff))
        bytes.append(UInt8(length >> 8 & 0xff))
        bytes.append(UInt8(length & 0xff))
        bytes.append(contentsOf: field)
    }

    /// Appends `value` as the canonical encoding writes that field: 0 when absent.
    static func append(_ value: Self?, to bytes: inout [UInt8]) {
        switch value {
        case nil: bytes.append(0)
        case .ascii(let text)?: append(text, to: &bytes)
        case .string(let text)?: append(text.utf8, to: &bytes)
        case .integer(let number)?: append(String(number).utf8, to: &bytes)
        case .bool(let flag)?: append(CollectionOfOne(flag ? UInt8(ascii: "1") : UInt8(ascii: "0")), to: &bytes)
        }
    }
}
