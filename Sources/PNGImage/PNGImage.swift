private import CZlib
import Foundation

/// An 8-bit RGB image encoded as PNG: signature, IHDR, one zlib-compressed IDAT and IEND.
///
/// zlib does the compression and the CRCs; the chunk layout is simple enough to write here, and it
/// spares Swift libpng's longjmp-based error handling, which Swift code cannot take part in.
public struct PNGImage: Sendable {
    public let width: Int
    public let height: Int
    /// Three bytes per pixel, rows from the top.
    public let rgb: [UInt8]

    /// Wraps `rgb`; it must hold `width * height * 3` bytes.
    ///
    /// - Throws: ``PNGError`` `badPixels` when the sizes do not fit.
    public init(width: Int, height: Int, rgb: [UInt8]) throws {
        guard width > 0, height > 0, rgb.count == width * height * 3 else {
            throw PNGError(
                .badPixels,
                message: "\(rgb.count) bytes do not make a \(width) x \(height) RGB image; pass 3 bytes per pixel")
        }
        self.width = width
        self.height = height
        self.rgb = rgb
    }

    /// The PNG file's bytes.
    public func encoded() throws -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity((width * 3 + 1) * height)
        for row in 0..<height {
            // Filter type 0 (none) before every row.
            raw.append(0)
            raw.append(contentsOf: rgb[(row * width * 3)..<((row + 1) * width * 3)])
        }

        var header: [UInt8] = []
        header += Self.bigEndian(UInt32(width)) + Self.bigEndian(UInt32(height))
        header += [8, 2, 0, 0, 0]  // 8 bits per channel, truecolour, deflate, adaptive filters, no interlace

        var file: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        file += Self.chunk("IHDR", header)
        file += Self.chunk("IDAT", try Self.compress(raw))
        file += Self.chunk("IEND", [])
        return file
    }

    /// Writes the PNG to `path`, replacing any file there.
    public func write(to path: String) throws {
        let bytes = try encoded()
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw PNGError(.writeFailed, message: "could not write \(path); check the folder exists and is writable")
        }
    }

    private static func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var capacity = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = output.withUnsafeMutableBufferPointer { target in
            bytes.withUnsafeBufferPointer { source in
                compress2(target.baseAddress, &capacity, source.baseAddress, uLong(source.count), Z_BEST_COMPRESSION)
            }
        }
        guard status == Z_OK else {
            throw PNGError(.compressionFailed, message: "zlib returned \(status) for \(bytes.count) bytes")
        }
        return Array(output.prefix(Int(capacity)))
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let body = typeBytes + data
        let checksum = body.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        return bigEndian(UInt32(data.count)) + body + bigEndian(UInt32(checksum))
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
