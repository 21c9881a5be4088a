import Foundation
import HavenCore
import HavenServices
import HavenTestSupport
import Testing

extension DICOMServerTests {
    @Suite(.timeLimit(.minutes(5))) struct DICOMImportTests {
        @Test func bundledSeriesIsImportedDeidentifiedAndConvertedToAVolumeMatchingTheDICOM() async throws {
            let orthanc = try await OrthancServers.running()
            let (test, researcher, _) = try await orthanc.havenServer()
            defer { Task { await test.server.shutdown() } }

            let study = try await researcher.importDICOM(
                project: "spine-ct", files: try DICOMSamples.bundledFiles(), purpose: "labels for the spine model")

            // dcmdump of the bundled files: Pixel Spacing 0.9765625\0.9765625, 512 x 512, and positions from -804.5 to
            // -766.5 mm in steps of 2 along z, the normal of their axial orientation: 20 slices 2.0 mm apart.
            let series = try #require(study.series.first)
            #expect(study.series.count == 1 && study.instanceCount == 20)
            #expect(series.check.isComplete && series.check.kept.count == 20)
            #expect(series.volumeDimensions == [512, 512, 20])
            let spacing = try #require(series.volumeSpacing)
            for (measured, expected) in zip(spacing, [0.9765625, 0.9765625, 2.0]) {
                #expect(abs(measured - expected) < 1e-3)
            }
            #expect(series.volume == "dicom/\(study.studyUID)/\(series.seriesUID).nii.gz")
            // The volume is an object in the project's storage, which an inference job can name as its input.
            let volume = try await researcher.data("/v1/projects/spine-ct/objects/" + (series.volume ?? ""))
            #expect(volume.prefix(2) == Data([0x1f, 0x8b]), "a gzip-compressed NIfTI file")

            // What the project's DICOM store holds, retrieved through WADO-RS, is de-identified.
            let folder = try Repository.temporaryFolder("dicom-retrieved")
            let files = try await DICOMwebClient(endpoint: try orthanc.store).retrieveSeries(
                study: study.studyUID, series: series.seriesUID, into: folder)
            #expect(files.count == 20)
            var sops: Set<String> = []
            for (file, dump) in zip(files, try await DICOMSamples.dumps(files)) {
                for gone in ["InstitutionAddress", "StationName", "DeviceSerialNumber", "PrivateCreator"] {
                    #expect(!dump.contains(gone), "\(file.lastPathComponent) still has \(gone)")
                }
                #expect(dump.contains("(0012,0062) CS [YES]"))
                #expect(dump.contains("(0020,000d) UI [\(study.studyUID)]"))
                let bytes = [UInt8](try Data(contentsOf: file))
                for text in ["Petersgraben", "PETCT2", "SIEMENS CT VA0  COAD", "1.3.12.2.1107.5.1.4.60064"] {
                    #expect(!ByteSearch.contains(bytes, Array(text.utf8)), "\(file.lastPathComponent) holds `\(text)`")
                }
                if let line = dump.split(separator: "\n").first(where: { $0.hasPrefix("(0008,0018)") }) {
                    sops.insert(String(line))
                }
            }
            #expect(sops.count == 20, "every instance got its own UID")
        }

        @Test func seriesWithASliceRemovedIsReportedIncompleteWithTheGapAndItsNeighbours() async throws {
            let orthanc = try await OrthancServers.running()
            let (test, researcher, _) = try await orthanc.havenServer()
            defer { Task { await test.server.shutdown() } }
            // Eight slices without the fifth (z = -774.5 mm): its neighbours at -776.5 and -772.5 mm are 4 mm apart.
            let files = try DICOMSamples.copies((0..<8).filter { $0 != 4 }, name: "dicom-gap")
            // Researchers cannot change the project's policy; owners can.
            let shifting = DeidentificationPolicy(dates: .shift, keepUIDMap: true)
            await #expect {
                _ = try await researcher.setDICOMPolicy(project: "spine-ct", shifting)
            } throws: { ($0 as? HavenClientError)?.status == 403 }
            let owner: UserAPI.Created = try await test.admin.post("/v1/users", UserAPI.Create(name: "owner"))
            let _: ProjectAPI.Member = try await test.admin.post(
                "/v1/projects/spine-ct/members", ProjectAPI.AddMember(user: "owner", role: .owner))
            let ownerClient = test.admin.with(token: owner.token)
            #expect(try await ownerClient.setDICOMPolicy(project: "spine-ct", shifting) == shifting)

            let study = try await researcher.importDICOM(project: "spine-ct", files: files, purpose: nil)

            let series = try #require(study.series.first)
            #expect(!series.check.isComplete)
            #expect(series.volume == nil)
            let gaps = series.check.faults.filter { $0.kind == .gap }
            #expect(gaps.count == 1)
            let gap = try #require(gaps.first)
            #expect(gap.message.contains("gap of 4 mm"))
            #expect(gap.message.contains("(-249.512, -437.512, -776.5)"))
            #expect(gap.message.contains("(-249.512, -437.512, -772.5)"))
            #expect(series.check.kept.count == 7)

            // Dates moved back by the project's shift: the bundled study date is 2022-12-08.
            let shift = try await ProjectUIDs.of(test).dateShiftDays()
            let stored = try await DICOMwebClient(endpoint: try orthanc.store).searchStudies(
                ["StudyInstanceUID": study.studyUID])
            #expect(stored.first?.string(.studyDate) == DICOMDate.shift("20221208", byDays: -shift))
            #expect(stored.first?.string(.studyDate) != "20221208")
            // The project's study list shows the same series check, with the de-identified UIDs.
            let listed: [PACSAPI.StoredStudy] = try await researcher.get("/v1/projects/spine-ct/dicom/studies")
            #expect(listed.map(\.studyUID) == [study.studyUID])
            #expect(listed.first?.series.first?.check == series.check)
            #expect(listed.first?.source == "import")

            // The policy keeps the UID table: at least the 7 instances, their series and their study.
            #expect(try await ProjectUIDs.mappedCount(test) >= 9)
        }

        @Test func seriesWithThreeScoutsKeepsTheAxialVolumeAndNamesTheScouts() async throws {
            let orthanc = try await OrthancServers.running()
            let (test, researcher, _) = try await orthanc.havenServer()
            defer { Task { await test.server.shutdown() } }
            let axial = try DICOMSamples.copies(0..<8, name: "dicom-axial")
            let scouts = try DICOMSamples.copies(0..<3, name: "dicom-scouts")
            var scoutUIDs: [String] = []
            for scout in scouts {
                let uid = DICOMSamples.uid()
                scoutUIDs.append(uid)
                // A coronal localizer: rows along x, columns along -z.
                try await DICOMSamples.modify(
                    scout,
                    [
                        "-i", "(0020,0037)=1\\0\\0\\0\\0\\-1", "-i", "(0008,0008)=ORIGINAL\\PRIMARY\\LOCALIZER",
                        "-i", "(0008,0018)=\(uid)",
                    ])
            }

            let study = try await researcher.importDICOM(project: "spine-ct", files: axial + scouts, purpose: nil)

            let series = try #require(study.series.first)
            #expect(study.series.count == 1 && series.instanceCount == 11)
            #expect(series.check.kept.count == 8)
            let named = try await ProjectUIDs.of(test).new(scoutUIDs)
            #expect(Set(series.check.excluded) == Set(named))
            #expect(
                series.check.faults.filter { $0.kind == .otherOrientation }.flatMap(\.instances).sorted()
                    == named.sorted())
            #expect(series.volumeDimensions == [512, 512, 8])
        }
    }
}
