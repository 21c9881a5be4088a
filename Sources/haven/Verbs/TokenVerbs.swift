import Foundation
import HavenServices

/// Token verbs: make a token (shown once), list tokens, revoke one.
enum TokenVerbs {
    static let all: [Verb] = [tokenCreate, tokenList, tokenRevoke]

    static let tokenCreate: Verb = Verb(
        words: "token create", summary: "Make an API token and print it (shown once).",
        usage: "token create LABEL [--user NAME] [--expires-hours N] [--scopes ACTION,ACTION]",
        details: "Without --user the token is yours; platform admins may make one for another user. Scopes are "
            + "actions with wildcards, such as data.read or job.*; without them the token has the user's authority.",
        options: ["user", "expires-hours", "scopes"]
    ) { arguments, environment in
        let label = try arguments.positional(0, "LABEL", verb: tokenCreate)
        var hours: Double?
        if let text = arguments.options["expires-hours"] {
            guard let value = Double(text), value > 0 else {
                throw CLIError.usage("--expires-hours is `\(text)`; give a positive number", verb: tokenCreate)
            }
            hours = value
        }
        let scopes = arguments.options["scopes"].map { $0.split(separator: ",").map(String.init) }
        let created: TokenAPI.Created = try await environment.client(arguments).post(
            "/v1/tokens",
            TokenAPI.Create(label: label, user: arguments.options["user"], expiresInHours: hours, scopes: scopes))
        if arguments.wantsJSON { return try Output.json(created) }
        Console.line("Token \(created.token.id) for \(created.token.user), shown only this once:")
        Console.line(created.secret)
    }

    static let tokenList: Verb = Verb(
        words: "token list", summary: "List your API tokens (or, for admins, another user's).",
        usage: "token list [--user NAME] [--output json]", options: ["user"]
    ) { arguments, environment in
        let query =
            arguments.options["user"].map {
                "?user=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0)
            } ?? ""
        let tokens: [TokenAPI.View] = try await environment.client(arguments).get("/v1/tokens" + query)
        let format = ISO8601DateFormatter()
        try Output.list(tokens, arguments, header: ["ID", "LABEL", "SCOPES", "EXPIRES", "REVOKED"]) {
            [
                $0.id, $0.label, $0.scopes.isEmpty ? "all" : $0.scopes.joined(separator: ","),
                $0.expiresAt.map(format.string) ?? "never", $0.revokedAt.map(format.string) ?? "",
            ]
        }
    }

    static let tokenRevoke: Verb = Verb(
        words: "token revoke", summary: "Revoke an API token; its next request is refused.", usage: "token revoke ID"
    ) { arguments, environment in
        let id = try arguments.positional(0, "ID", verb: tokenRevoke)
        _ = try await environment.client(arguments).raw("DELETE", "/v1/tokens/\(id)")
        Console.line("Revoked token \(id).")
    }
}
