internal import COpenSSL
import Foundation

/// An incremental SHA-256 digest, for content too large to hold in memory at once.
///
/// The hasher owns an OpenSSL `EVP_MD_CTX`, freed when the hasher goes away. It is not `Sendable`:
/// feed it from one task at a time.
public final class SHA256Hasher {
    private let context: OpaquePointer

    /// Makes a hasher ready for the first bytes of a message.
    ///
    /// - Throws: ``HavenCryptoError`` if OpenSSL cannot allocate or initialise the digest context.
    public init() throws {
        guard let context = EVP_MD_CTX_new() else {
            throw HavenCryptoError(.contextUnavailable, "OpenSSL could not allocate a SHA-256 context")
        }

        // From here on `deinit` frees the context, including when the initialisation below fails.
        self.context = context
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            throw HavenCryptoError(.operationFailed, "OpenSSL could not initialise a SHA-256 context")
        }
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Starts a new message on `context` with the digest it already holds: passing no digest skips the lookup
    /// OpenSSL 3 otherwise makes for `EVP_sha256()` on every start (a lock and a table search), which shows when
    /// a hasher digests millions of short messages.
    private static func restart(_ context: OpaquePointer) -> Bool {
        EVP_DigestInit_ex2(context, nil, nil) == 1
    }

    /// Adds `data` to the message.
    public func update(_ data: Data) {
        data.withUnsafeBytes { update($0) }
    }

    /// Adds the bytes in `buffer` to the message.
    public func update(_ buffer: UnsafeRawBufferPointer) {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return }

        // With an initialised context, EVP_DigestUpdate for SHA-256 has no failure path.
        let succeeded = EVP_DigestUpdate(context, base, buffer.count) == 1
        precondition(succeeded, "OpenSSL EVP_DigestUpdate(SHA-256) failed on an initialised context")
    }

    /// The digest of everything added so far as 64 lowercase hex characters; the hasher then starts a new message.
    public func finalizeHex() -> String {
        Hex.encode(finalize())
    }

    /// Writes the raw 32-byte digest of everything added so far to `output` (at least 32 bytes), without
    /// allocating; the hasher then starts a new message.
    public func finalize(into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= SHA256.byteCount, "a SHA-256 digest needs 32 bytes of room")
        let finished = EVP_DigestFinal_ex(context, output.baseAddress?.assumingMemoryBound(to: UInt8.self), nil) == 1
        let restarted = Self.restart(context)
        precondition(finished && restarted, "OpenSSL could not finish or restart a SHA-256 context")
    }

    /// The raw 32-byte digest of everything added so far; the hasher then starts a new message.
    public func finalize() -> Data {
        var output = [UInt8](repeating: 0, count: SHA256.byteCount)
        let finished = EVP_DigestFinal_ex(context, &output, nil) == 1
        let restarted = Self.restart(context)
        precondition(finished && restarted, "OpenSSL could not finish or restart a SHA-256 context")
        return Data(output)
    }
}
