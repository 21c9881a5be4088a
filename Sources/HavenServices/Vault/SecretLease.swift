import Foundation

/// The secrets a running job declared, fetched with its job token and put where the job reads them: files with
/// mode 0600 under `secrets/` in its work folder, or `HAVEN_SECRET_*` environment variables of the runner.
///
/// The lease ends with ``release()``, which removes the files and variables; the job token dies with the job, so
/// nothing can fetch the secrets again afterwards.
public struct SecretLease: Sendable {
    /// The files written, one per secret delivered as a file.
    public let files: [URL]
    /// The environment variables set, one per secret delivered that way.
    public let variables: [String]

    /// Fetches every secret job `job` declared and delivers it; a failure removes what was already delivered.
    public static func acquire(client: HavenClient, job: JobAPI.View, workDirectory: URL) async throws -> SecretLease {
        let uses: [SecretAPI.Use] = try await client.get("/v1/jobs/\(job.id)/secrets")
        var lease = SecretLease(files: [], variables: [])
        do {
            for use in uses {
                let value = try await client.data("/v1/projects/\(job.project)/secrets/\(use.name)")
                switch use.delivery {
                case .file:
                    lease = lease.adding(file: try writeOwnerOnly(value, name: use.name, in: workDirectory))
                case .environment:
                    let variable = environmentName(use.name)
                    setenv(variable, String(decoding: value, as: UTF8.self), 1)
                    lease = lease.adding(variable: variable)
                }
            }
        } catch {
            lease.release()
            throw error
        }
        return lease
    }

    /// Removes the files and unsets the variables.
    public func release() {
        for file in files {
            try? FileManager.default.removeItem(at: file)
        }
        for variable in variables {
            unsetenv(variable)
        }
    }

    /// `HAVEN_SECRET_` and the name in upper case with `-` as `_`.
    public static func environmentName(_ name: String) -> String {
        "HAVEN_SECRET_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
    }

    private func adding(file: URL? = nil, variable: String? = nil) -> SecretLease {
        SecretLease(files: files + (file.map { [$0] } ?? []), variables: variables + (variable.map { [$0] } ?? []))
    }

    /// Creates the file with mode 0600 from the start, so that the value is never readable by others, not even
    /// between creating the file and setting its mode.
    private static func writeOwnerOnly(_ value: Data, name: String, in workDirectory: URL) throws -> URL {
        let folder = workDirectory.appending(path: "secrets")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = folder.appending(path: name)
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            throw RuntimeError(description: "cannot create the secret file \(file.path) (errno \(errno))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        try handle.write(contentsOf: value)
        try handle.close()
        return file
    }
}
