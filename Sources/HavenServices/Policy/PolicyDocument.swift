import Foundation
import HavenCore
import HavenCrypto
import YAML

/// Turns the files of a policy folder into a `PolicySet`: rules in file-name order, then in the order written,
/// and the quotas of all files together.
enum PolicyDocument {
    static let fileKeys: Set<String> = ["rules", "quotas"]
    static let ruleKeys: Set<String> = [
        "id", "effect", "description", "principals", "actions", "resources", "conditions",
    ]

    /// The policy the files state; an error names the file, line and column of the first problem.
    static func policy(from files: [PolicyFile]) throws -> PolicySet {
        var rules: [PolicyRule] = []
        var places: [String: String] = [:]
        var quotas = PolicyQuotas()
        for file in files.sorted(by: { $0.name < $1.name }) {
            let reader = PolicyNodeReader(file: file.name)
            let root: YAMLNode?
            do {
                root = try YAMLParser.parse(file.content)
            } catch let error as YAMLError {
                throw PolicyFileError(file: file.name, mark: error.mark, message: error.message)
            }
            guard let root else { continue }
            let top = try reader.mapping(root, "a policy file", keys: fileKeys)
            for node in try top["rules"].map({ try reader.list($0, "rules") }) ?? [] {
                let rule = try PolicyRuleReader(reader: reader).rule(node)
                if let earlier = places[rule.id] {
                    throw reader.fail(
                        node, "rule id `\(rule.id)` is already used at \(earlier); give each rule its own id")
                }
                places[rule.id] = "\(file.name):\(node.mark.line)"
                rules.append(rule)
            }
            if let node = top["quotas"] { try PolicyQuotaReader(reader: reader).merge(node, into: &quotas) }
        }
        return PolicySet(rules: rules, quotas: quotas)
    }

    /// The SHA-256 of the files, names and contents, in name order: the identity of a policy version.
    static func contentHash(_ files: [PolicyFile]) -> String {
        var data = Data()
        for file in files.sorted(by: { $0.name < $1.name }) {
            data.append(contentsOf: Array(file.name.utf8) + [0] + Array(file.content.utf8) + [0])
        }
        return SHA256.hex(data)
    }
}
