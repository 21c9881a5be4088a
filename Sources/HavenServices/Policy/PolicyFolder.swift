import Foundation

/// Reads the policy files (`*.yaml`, `*.yml`) of a folder, as `haven policy apply` sends them.
public enum PolicyFolder {
    /// The policy files directly inside `folder`, by name.
    ///
    /// - Throws: `PolicyFolderError` when the folder cannot be read or holds no policy file.
    public static func read(_ folder: URL) throws -> [PolicyFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw PolicyFolderError(message: "cannot read policy folder `\(folder.path)`; give a folder of .yaml files")
        }
        let policyNames = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        guard !policyNames.isEmpty else {
            throw PolicyFolderError(message: "policy folder `\(folder.path)` holds no .yaml or .yml file")
        }
        return try policyNames.map { name in
            let data = try Data(contentsOf: folder.appending(path: name))
            guard let content = String(data: data, encoding: .utf8) else {
                throw PolicyFolderError(message: "policy file `\(name)` is not UTF-8 text")
            }
            return PolicyFile(name: name, content: content)
        }
    }
}
