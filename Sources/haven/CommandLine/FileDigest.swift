import Foundation
import HavenCrypto

/// The SHA-256 of a file, read a MiB at a time on a queue of its own so that no Swift concurrency thread blocks.
enum FileDigest {
    static func sha256(of file: URL) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "haven.cli.digest").async {
                continuation.resume(with: Result { try sha256Now(file) })
            }
        }
    }

    private static func sha256Now(_ file: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let hasher = try SHA256Hasher()
        while let piece = try handle.read(upToCount: 1 << 20), !piece.isEmpty {
            hasher.update(piece)
        }
        return hasher.finalizeHex()
    }
}
