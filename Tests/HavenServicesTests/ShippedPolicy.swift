import Foundation
import HavenServices
import HavenTestSupport
import Testing

/// The policy files in `Policies/`, and changed copies of them for tests that apply a policy.
enum ShippedPolicy {
    static func files() throws -> [PolicyFile] {
        try PolicyFolder.read(Repository.root.appending(path: "Policies"))
    }

    /// The shipped files with `action` taken out of the researcher role, and nothing else changed.
    static func withoutResearcher(_ action: String) throws -> [PolicyFile] {
        var files = try files()
        let index = try #require(files.firstIndex { $0.name == "roles.yaml" })
        let parts = files[index].content.components(separatedBy: "  - id: role.researcher\n")
        try #require(parts.count == 2)
        let line = "      - \(action)\n"
        let block = parts[1].replacing(line, with: "", maxReplacements: 1)
        try #require(block.count == parts[1].count - line.count)
        files[index].content = parts[0] + "  - id: role.researcher\n" + block
        return files
    }
}
