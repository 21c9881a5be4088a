/// C strings for `PQexecParams`, allocated here and freed by `deallocate()` once libpq has sent them.
struct ParameterBuffers {
    let pointers: [UnsafePointer<CChar>?]

    init(_ values: [PostgresValue]) {
        pointers = values.map { value in
            guard let bytes = value.bytes else { return nil }
            // One extra zero byte: libpq finds the end of a text parameter by its terminator.
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: bytes.count + 1)
            bytes.withUnsafeBufferPointer { source in
                source.withMemoryRebound(to: CChar.self) { buffer.update(from: $0.baseAddress!, count: $0.count) }
            }
            buffer[bytes.count] = 0
            return UnsafePointer(buffer)
        }
    }

    func deallocate() {
        for pointer in pointers { pointer?.deallocate() }
    }
}
