import Foundation
import HavenCore
import HavenServices

/// Governance verbs: disable and enable users, a project's lifecycle, removing members, groups.
enum GovernanceVerbs {
    static let all: [Verb] = [userDisable, userEnable, projectLifecycle, projectRemoveMember, groupCreate, groupAdd]

    struct Empty: Codable {}

    static let userDisable: Verb = Verb(
        words: "user disable", summary: "Disable a user: their next request is refused and their jobs stop.",
        usage: "user disable NAME"
    ) { arguments, environment in
        let name = try arguments.positional(0, "NAME", verb: userDisable)
        let revoked: GovernanceAPI.Revoked = try await environment.client(arguments).post(
            "/v1/users/\(name)/disable", Empty())
        Console.line("Disabled \(name); stopped \(revoked.stoppedJobs.count) job(s).")
    }

    static let userEnable: Verb = Verb(
        words: "user enable", summary: "Enable a disabled user again.", usage: "user enable NAME"
    ) { arguments, environment in
        let name = try arguments.positional(0, "NAME", verb: userEnable)
        let _: GovernanceAPI.Revoked = try await environment.client(arguments).post("/v1/users/\(name)/enable", Empty())
        Console.line("Enabled \(name).")
    }

    static let projectLifecycle: Verb = Verb(
        words: "project lifecycle", summary: "Set a project's state, dates or approved purpose.",
        usage: "project lifecycle PROJECT [--state STATE] [--starts DATE] [--ends DATE] [--purpose TEXT]",
        details: "STATE is one of " + ProjectState.allCases.map(\.rawValue).joined(separator: ", ")
            + "; DATE is ISO 8601, such as 2026-12-31T00:00:00Z. Ending a project stops its jobs.",
        options: ["state", "starts", "ends", "purpose"]
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: projectLifecycle)
        var change = GovernanceAPI.Lifecycle(purpose: arguments.options["purpose"])
        if let state = arguments.options["state"] {
            guard let parsed = ProjectState(rawValue: state) else {
                throw CLIError.usage("--state is `\(state)`; \(projectLifecycle.details)", verb: projectLifecycle)
            }
            change.state = parsed
        }
        change.startsAt = try date(arguments.options["starts"], "--starts")
        change.endsAt = try date(arguments.options["ends"], "--ends")
        let revoked: GovernanceAPI.Revoked = try await environment.client(arguments).post(
            "/v1/projects/\(project)/lifecycle", change)
        Console.line("Changed \(project); stopped \(revoked.stoppedJobs.count) job(s).")
    }

    static let projectRemoveMember: Verb = Verb(
        words: "project remove-member", summary: "Take a user's role in a project away; their jobs there stop.",
        usage: "project remove-member PROJECT USER"
    ) { arguments, environment in
        let project = try arguments.positional(0, "PROJECT", verb: projectRemoveMember)
        let user = try arguments.positional(1, "USER", verb: projectRemoveMember)
        _ = try await environment.client(arguments).raw("DELETE", "/v1/projects/\(project)/members/\(user)")
        Console.line("\(user) has no role in \(project) any more.")
    }

    static let groupCreate: Verb = Verb(
        words: "group create", summary: "Create a group that policies can name.", usage: "group create NAME"
    ) { arguments, environment in
        let name = try arguments.positional(0, "NAME", verb: groupCreate)
        let _: GovernanceAPI.Group = try await environment.client(arguments).post(
            "/v1/groups", GovernanceAPI.Group(name: name))
        Console.line("Created group \(name).")
    }

    static let groupAdd: Verb = Verb(
        words: "group add-member", summary: "Add a user to a group.", usage: "group add-member GROUP USER"
    ) { arguments, environment in
        let group = try arguments.positional(0, "GROUP", verb: groupAdd)
        let user = try arguments.positional(1, "USER", verb: groupAdd)
        let _: GovernanceAPI.GroupMember = try await environment.client(arguments).post(
            "/v1/groups/\(group)/members", GovernanceAPI.GroupMember(user: user))
        Console.line("\(user) is now in group \(group).")
    }

    private static func date(_ text: String?, _ option: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = ISO8601DateFormatter().date(from: text) else {
            throw CLIError.usage("\(option) is `\(text)`; write a date as 2026-12-31T00:00:00Z", verb: projectLifecycle)
        }
        return date
    }
}
