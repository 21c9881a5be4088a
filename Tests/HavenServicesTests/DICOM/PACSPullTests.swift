import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

extension DICOMServerTests {
    @Suite(.timeLimit(.minutes(5))) struct PACSPullTests {
        /// A made-up patient, institution and vendor secret, which must never reach the project.
        static let identity = [
            "patientName": "ZZTEST^ROSALIND^QUINN", "patientID": "PID-77123456", "birthDate": "19610723",
            "institution": "Saint Imaginary Hospital", "private": "PRIVATE-SECRET-4711",
        ]

        /// The original UIDs of a series loaded into the test PACS.
        struct Loaded {
            var study: String
            var series: String
            var instances: [String]
        }

        /// Loads `count` bundled slices into the PACS as a new study carrying the made-up identity, through STOW-RS.
        static func loadIdentifiedSeries(_ orthanc: OrthancServers, count: Int) async throws -> Loaded {
            let loaded = Loaded(
                study: DICOMSamples.uid(), series: DICOMSamples.uid(),
                instances: (0..<count).map { _ in
                    DICOMSamples.uid()
                })
            let files = try DICOMSamples.copies(0..<count, name: "pacs-series")
            for (file, sop) in zip(files, loaded.instances) {
                try await DICOMSamples.modify(
                    file,
                    [
                        "-i", "(0020,000d)=\(loaded.study)", "-i", "(0020,000e)=\(loaded.series)", "-i",
                        "(0008,0018)=\(sop)",
                        "-i", "(0008,0016)=1.2.840.10008.5.1.4.1.1.2", "-i", "(0010,0010)=\(identity["patientName"]!)",
                        "-i", "(0010,0020)=\(identity["patientID"]!)", "-i", "(0010,0030)=\(identity["birthDate"]!)",
                        "-i", "(0008,0080)=\(identity["institution"]!)",
                        // The patient's name again, nested in a sequence the profile keeps.
                        "-i", "(0008,2112)[0].(0010,0010)=\(identity["patientName"]!)",
                        "-i", "(0023,0010)=GEMS_ACRQA_1.0 BLOCK1", "-i", "(0023,1060)=\(identity["private"]!)",
                    ])
            }
            try await DICOMwebClient(endpoint: try orthanc.pacs).store(files)
            return loaded
        }

        @Test func pulledStudyKeepsNoIdentifyingByteHasConsistentUIDsAndIsAuditedWithTheOriginals() async throws {
            let orthanc = try await OrthancServers.running()
            let (test, researcher, auditor) = try await orthanc.havenServer()
            defer { Task { await test.server.shutdown() } }
            let loaded = try await Self.loadIdentifiedSeries(orthanc, count: 6)
            let started = Date().addingTimeInterval(-1)

            let stored: PACSAPI.StoredStudy = try await researcher.post(
                "/v1/projects/spine-ct/pacs/pulls", PACSAPI.Pull(study: loaded.study, purpose: "vertebra model check"))

            // New UIDs, as derived independently from the project's key.
            let uids = try await ProjectUIDs.of(test)
            let expected = try await uids.new([loaded.study, loaded.series] + loaded.instances)
            #expect(stored.studyUID == expected[0])
            #expect(stored.series.map(\.seriesUID) == [expected[1]])
            #expect(stored.instanceCount == 6)
            let inStore = try await DICOMwebClient(endpoint: try orthanc.store).searchInstances(
                study: expected[0], series: expected[1])
            #expect(Set(inStore.compactMap { $0.string(.sopInstanceUID) }) == Set(expected.dropFirst(2)))
            #expect(stored.series.first?.check.isComplete == true)
            #expect(try await ProjectUIDs.mappedCount(test) == 0, "the default policy keeps no UID table")

            // No stored byte, in the DICOM store or in Haven's storage, carries the identity or an original UID.
            let written = try (orthanc.storeFiles() + OrthancServers.files(under: test.home)).filter {
                ((try? $0.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate)
                    ?? .distantPast)
                    >= started
            }
            #expect(written.count > 6)
            let forbidden = Array(Self.identity.values) + [loaded.study, loaded.series] + loaded.instances
            for file in written {
                let bytes = [UInt8](try Data(contentsOf: file))
                for value in forbidden {
                    #expect(!ByteSearch.contains(bytes, Array(value.utf8)), "\(file.path) holds `\(value)`")
                }
            }

            // The audit log ties the pull to the researcher and to every original UID.
            let pulls = try await AuditEntries.of(auditor).filter {
                $0["action"] == "pacs.pull" && $0["actor"] == "user:researcher"
                    && $0["purpose"] == "vertebra model check"
            }
            let resources = Set(pulls.compactMap { $0["resource"] })
            for sop in loaded.instances {
                let resource = "dicom:study/\(loaded.study)/series/\(loaded.series)/instance/\(sop)"
                #expect(resources.contains(resource), "no audit entry for instance \(sop)")
            }
            #expect(resources.contains("pacs:study/\(loaded.study)"))
            #expect(resources.contains("pacs:study/\(loaded.study)/series/\(loaded.series)"))
        }

        @Test func pullRefusedByPolicyQueriesNothingAtThePACSAndIsAuditedAsADenial() async throws {
            let orthanc = try await OrthancServers.running()
            let (test, researcher, auditor) = try await orthanc.havenServer()
            defer { Task { await test.server.shutdown() } }
            let loaded = try await Self.loadIdentifiedSeries(orthanc, count: 2)

            // Auditors may read the access log but not pull studies.
            await #expect {
                let _: PACSAPI.StoredStudy = try await auditor.post(
                    "/v1/projects/spine-ct/pacs/pulls", PACSAPI.Pull(study: loaded.study, purpose: "curiosity"))
            } throws: { error in
                (error as? HavenClientError)?.status == 403
            }
            #expect(!(try orthanc.pacsRequests().contains(loaded.study)), "the refused pull reached the PACS")
            #expect(
                try await AuditEntries.of(auditor).contains {
                    $0["action"] == "pacs.pull" && $0["outcome"] == "denied" && $0["actor"] == "user:auditor"
                        && $0["resource"] == "pacs:study/\(loaded.study)"
                })

            // A researcher's search finds the study through QIDO-RS and is audited; the answer names no patient.
            let found: [PACSAPI.Study] = try await researcher.get(
                "/v1/projects/spine-ct/pacs/studies?StudyInstanceUID=\(loaded.study)")
            #expect(found.map(\.studyUID) == [loaded.study])
            #expect(found.first?.instanceCount == 2)
            #expect(try await AuditEntries.of(auditor).contains { $0["action"] == "pacs.search" })

            // The request log does see a pull that is allowed, so its silence above means something.
            let _: PACSAPI.StoredStudy = try await researcher.post(
                "/v1/projects/spine-ct/pacs/pulls", PACSAPI.Pull(study: loaded.study, purpose: "vertebra model check"))
            #expect(try orthanc.pacsRequests().contains(loaded.study))
        }
    }
}
