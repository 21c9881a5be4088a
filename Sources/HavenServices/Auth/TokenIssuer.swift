import Foundation
import HavenCrypto
import PostgresClient

/// Makes API tokens and finds them again by hash; the secret itself is never stored.
enum TokenIssuer {
    /// The prefix that marks a Haven token, so that scanners can find leaked ones.
    static let prefix = "hvn_"

    static func hash(_ token: String) -> String {
        SHA256.hex(Data(token.utf8))
    }

    /// Creates a token for `userID` (acting as `jobID` when given) and returns the secret, shown once.
    ///
    /// - Parameters:
    ///   - scopes: the actions the token may be used for, with wildcards; empty for the user's full authority.
    ///   - expiresAt: when the token stops working; `nil` for never.
    static func issue(
        on connection: PostgresConnection, userID: String, jobID: String? = nil, label: String,
        scopes: [String] = [], expiresAt: Date? = nil
    ) async throws -> String {
        let token = prefix + SecureRandom.token(bytes: 32)
        try await connection.execute(
            """
            INSERT INTO api_tokens (token_hash, user_id, job_id, label, scopes, expires_at)
            VALUES ($1, $2::uuid, $3::uuid, $4, $5, $6)
            """, [hash(token), userID, jobID, label, scopes, expiresAt])
        return token
    }

    /// Ends every token of `jobID`, as the job has ended.
    static func revokeJobTokens(on connection: PostgresConnection, jobID: String) async throws {
        try await connection.execute(
            "UPDATE api_tokens SET revoked_at = now() WHERE job_id = $1::uuid AND revoked_at IS NULL", [jobID])
    }
}
