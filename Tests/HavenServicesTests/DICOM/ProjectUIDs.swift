import Foundation
import HavenTestSupport
import PostgresClient

/// The UIDs a project should give, worked out apart from Haven: the project's key is read from the database and
/// the derivation (2.25 and the first 128 bits of HMAC-SHA256(key, original UID) as a decimal number) is done
/// by Python's standard library.
struct ProjectUIDs {
    var keyHex: String

    static func of(_ test: TestServer, project: String = "spine-ct") async throws -> ProjectUIDs {
        let connection = try await PostgresConnection.connect(test.databaseURL)
        let rows = try await connection.query(
            """
            SELECT encode(d.uid_key, 'hex') AS key FROM dicom_projects d JOIN projects p ON p.id = d.project_id
            WHERE p.name = $1
            """, [project])
        await connection.close()
        guard let row = rows.first else { throw TestFailure("project \(project) has no DICOM key yet") }
        return ProjectUIDs(keyHex: try row.decode("key"))
    }

    /// How many original-to-new UID pairs Haven keeps for the server's projects.
    static func mappedCount(_ test: TestServer) async throws -> Int {
        let connection = try await PostgresConnection.connect(test.databaseURL)
        let rows = try await connection.query("SELECT count(*)::int AS n FROM dicom_uid_map")
        await connection.close()
        return try rows[0].decode("n")
    }

    /// The project's date shift in days: the first 8 bytes of HMAC-SHA256(key, "date-shift") as a big-endian
    /// number, modulo 3650, plus 1.
    func dateShiftDays() async throws -> Int {
        let script = """
            import hashlib, hmac, sys
            digest = hmac.new(bytes.fromhex(sys.argv[1]), b"date-shift", hashlib.sha256).digest()
            print(int.from_bytes(digest[:8], "big") % 3650 + 1)
            """
        let result = try await ChildProcess.run(URL(filePath: "/usr/bin/env"), ["python3", "-c", script, keyHex])
        guard result.status == 0, let days = Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("python3 failed: \(result.stderr)")
        }
        return days
    }

    /// The new UID of each of `originals`, in order.
    func new(_ originals: [String]) async throws -> [String] {
        let script = """
            import hashlib, hmac, sys
            key = bytes.fromhex(sys.argv[1])
            for uid in sys.argv[2:]:
                digest = hmac.new(key, uid.encode(), hashlib.sha256).digest()
                print("2.25." + str(int.from_bytes(digest[:16], "big")))
            """
        let result = try await ChildProcess.run(
            URL(filePath: "/usr/bin/env"), ["python3", "-c", script, keyHex] + originals)
        guard result.status == 0 else { throw TestFailure("python3 failed: \(result.stderr)") }
        return result.stdout.split(separator: "\n").map(String.init)
    }
}
