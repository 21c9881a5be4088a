import HavenServices

/// Every way the CLI fails, mapped in one place to one message on stderr and an exit code.
enum CLIError: Error {
    /// Bad usage: wrong or missing arguments (exit 64).
    case usage(String, verb: Verb?)
    /// Bad input data: a file that is not what it should be (exit 65).
    case data(String)
    /// A service, the server or the database, is not available (exit 69).
    case unavailable(String)
    /// Anything else (exit 1).
    case failure(String)

    var exitCode: Int32 {
        switch self {
        case .usage: return 64
        case .data: return 65
        case .unavailable: return 69
        case .failure: return 1
        }
    }

    var message: String {
        switch self {
        case .usage(let text, let verb):
            return "haven: \(text)" + (verb.map { "\nusage: haven \($0.usage)\nsee: haven \($0.words) --help" } ?? "")
        case .data(let text), .unavailable(let text), .failure(let text):
            return "haven: " + text
        }
    }

    /// The exit code and message for any error a verb throws.
    static func exit(for error: any Error) -> (Int32, String) {
        switch error {
        case let error as CLIError:
            return (error.exitCode, error.message)
        case let error as VaultError:
            return (65, "haven: " + error.message)
        case let error as HavenClientError:
            return (exitCode(for: error), "haven: " + error.description)
        default:
            return (1, "haven: \(error)")
        }
    }

    private static func exitCode(for error: HavenClientError) -> Int32 {
        switch error.status {
        case nil: return 69
        case 401, 403: return 77
        case 503: return 69
        case let status? where status >= 400 && status < 500: return 65
        default: return 1
        }
    }
}
