import Foundation
import HavenCore
import HavenCrypto
import PostgresClient

/// A project's DICOM settings: the secret key its new UIDs, pseudonyms and date shift derive from, and its
/// de-identification policy. Made on first use; the key never leaves the database and Haven.
struct DICOMProjectKey: Sendable {
    var key: Data
    var policy: DeidentificationPolicy

    /// Days every date moves back when the policy shifts dates: between 1 and 3650, fixed per project.
    var dateShiftDays: Int { Int(DICOMUID.number(key: key, purpose: "date-shift", modulus: 3650)) + 1 }

    /// The project's pseudonym for a patient: the same patient id always gives the same pseudonym.
    func pseudonym(patientID: String) -> String {
        "HAVEN-"
            + String(DICOMUID.number(key: key, purpose: "patient:" + patientID, modulus: 1 << 40), radix: 36)
            .uppercased()
    }

    func uid(_ original: String) -> String { DICOMUID.derive(key: key, original: original) }

    /// The project's settings, made with a fresh key and the default policy the first time.
    static func load(projectID: String, in pool: PostgresPool) async throws -> DICOMProjectKey {
        _ = try await pool.execute(
            "INSERT INTO dicom_projects (project_id, uid_key) VALUES ($1::uuid, $2) ON CONFLICT DO NOTHING",
            [projectID, SecureRandom.bytes(32)])
        let rows = try await pool.query(
            "SELECT uid_key, policy::text AS policy FROM dicom_projects WHERE project_id = $1::uuid", [projectID])
        guard let row = rows.first else { throw DICOMError.invalidPolicy("the project has no DICOM settings") }
        let policy = try JSONDecoder().decode(
            DeidentificationPolicy.self, from: Data((try row.decode("policy") as String).utf8))
        return DICOMProjectKey(key: try row.decode("uid_key"), policy: policy)
    }
}
