import HavenCore
import Testing

@Suite struct DeidentificationTests {
    /// What `dcmdump -q +L -M -Un +Qo +F` prints for a small file, written by hand in its format.
    static let dump = """
        # dcmdump (1/1): /tmp/one.dcm

        # Dicom-File-Format

        # Dicom-Meta-Information-Header
        # Used TransferSyntax: Little Endian Explicit
        (0002,0003) UI [1.2.3.4.9]                              #  10, 1 MediaStorageSOPInstanceUID

        # Dicom-Data-Set
        # Used TransferSyntax: Little Endian Explicit
        (0008,0016) UI [1.2.840.10008.5.1.4.1.1.2]              #  26, 1 SOPClassUID
        (0008,0018) UI [1.2.3.4.9]                              #  10, 1 SOPInstanceUID
        (0008,0020) DA [20221208]                               #   8, 1 StudyDate
        (0008,0081) ST [Main Street 1\\015\\012Springfield]        #  28, 1 InstitutionAddress
        (0008,2112) SQ (Sequence with explicit length #=2)      # 100, 1 SourceImageSequence
          (fffe,e000) na (Item with explicit length #=2)          #  40, 1 Item
            (0008,1150) UI [1.2.840.10008.5.1.4.1.1.2]              #  26, 1 ReferencedSOPClassUID
            (0008,1155) UI [1.2.3.4.7]                              #  10, 1 ReferencedSOPInstanceUID
          (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem
          (fffe,e000) na (Item with explicit length #=1)          #  40, 1 Item
            (0010,0010) PN [DOE^JANE]                               #   8, 1 PatientName
          (fffe,e00d) na (ItemDelimitationItem for re-encoding)   #   0, 0 ItemDelimitationItem
        (fffe,e0dd) na (SequenceDelimitationItem for re-encod.) #   0, 0 SequenceDelimitationItem
        (0010,0010) PN [DOE^JANE]                               #   8, 1 PatientName
        (0010,0020) LO [PID-1]                                  #   6, 1 PatientID
        (0010,0030) DA [19700101]                               #   8, 1 PatientBirthDate
        (0019,0010) LO [ACME 1.0]                               #   8, 1 PrivateCreator
        (0019,1001) LO [SECRET]                                 #   6, 1 Unknown
        (0020,000d) UI [1.2.3.4.5]                              #  10, 1 StudyInstanceUID
        (0020,0032) DS [-1.5\\2\\-766.5]                           #  12, 3 ImagePositionPatient
        (7fe0,0010) OW (not loaded)                             # 512, 1 PixelData
        """

    static func planner(_ policy: DeidentificationPolicy = .init()) throws -> DeidentificationPlanner {
        try DeidentificationPlanner(policy: policy, dateShiftDays: 10, patientPseudonym: "HAVEN-P1") {
            "2.25.9" + $0.filter(\.isNumber)
        }
    }

    @Test func dumpParsingKeepsNestingMultipleValuesAndEscapedControlCharacters() throws {
        let datasets = DICOMDumpParser.parse(Self.dump)
        #expect(datasets.map(\.file) == ["/tmp/one.dcm"])
        let dataset = try #require(datasets.first)
        #expect(dataset.numbers(.imagePositionPatient) == [-1.5, 2, -766.5])
        #expect(dataset.string(DICOMTag(0x0008, 0x0081)) == "Main Street 1\r\nSpringfield")
        let nested = dataset.elements.filter { !$0.path.isEmpty }.map(\.location)
        #expect(nested == ["(0008,2112)[0].(0008,1150)", "(0008,2112)[0].(0008,1155)", "(0008,2112)[1].(0010,0010)"])
        #expect(dataset.element(DICOMTag(0x7fe0, 0x0010))?.values == [])
    }

    @Test func planRemovesReplacesAndRemapsEverywhereAndMarksTheFile() throws {
        let dataset = try #require(DICOMDumpParser.parse(Self.dump).first)
        let plan = try Self.planner().plan(dataset)
        // The mapping stub above turns 1.2.3.4.5 into 2.25.9 followed by its digits: 2.25.912345.
        #expect(plan.uids == ["1.2.3.4.9": "2.25.912349", "1.2.3.4.7": "2.25.912347", "1.2.3.4.5": "2.25.912345"])
        let sets = Dictionary(
            plan.edits.compactMap { edit -> (String, String)? in
                if case .set(let location, let value) = edit { return (location, value) }
                return nil
            }, uniquingKeysWith: { $1 })
        #expect(sets["(0008,0018)"] == "2.25.912349")
        #expect(sets["(0008,2112)[0].(0008,1155)"] == "2.25.912347")
        #expect(sets["(0008,2112)[1].(0010,0010)"] == "HAVEN-P1")
        #expect(sets["(0010,0020)"] == "HAVEN-P1")
        #expect(sets["(0010,0030)"] == "")
        #expect(sets["(0012,0062)"] == "YES")
        #expect(sets["(0008,0016)"] == nil, "class UIDs stay")
        #expect(sets["(0008,0020)"] == nil, "dates are kept by default")
        let erased = plan.edits.compactMap { edit -> DICOMTag? in
            if case .eraseAll(let tag) = edit { return tag }
            return nil
        }
        #expect(erased == [DICOMTag(0x0008, 0x0081), DICOMTag(0x0019, 0x0010), DICOMTag(0x0019, 0x1001)])
        #expect(plan.identifyingText[.patientName] == ["DOE^JANE", "DOE^JANE"])
        #expect(plan.identifyingText[.patientBirthDate] == ["19700101"])
    }

    @Test func shiftPolicyMovesDatesAndAllowListKeepsOnePrivateAttribute() throws {
        let dataset = try #require(DICOMDumpParser.parse(Self.dump).first)
        let policy = DeidentificationPolicy(dates: .shift, allowedPrivateTags: ["(0019,1001)"])
        let plan = try Self.planner(policy).plan(dataset)
        // 2022-12-08 minus 10 days is 2022-11-28.
        #expect(plan.edits.contains(.set(location: "(0008,0020)", value: "20221128")))
        #expect(!plan.edits.contains(.eraseAll(DICOMTag(0x0019, 0x1001))))
        #expect(!plan.edits.contains(.eraseAll(DICOMTag(0x0019, 0x0010))))
        #expect(throws: DICOMError.self) {
            try Self.planner(DeidentificationPolicy(allowedPrivateTags: ["(0010,0010)"]))
        }
    }

    @Test func checkFindsWhatRemainsAndOriginalTextInTheBytes() throws {
        let dataset = try #require(DICOMDumpParser.parse(Self.dump).first)
        let planner = try Self.planner()
        let plan = planner.plan(dataset)
        // The untouched file fails: its private attributes, address, UIDs, identity marker, and its bytes.
        let faults = DeidentificationCheck(planner: planner).faults(
            dataset, bytes: Array("..DOE^JANE..".utf8), plan: plan)
        #expect(faults.contains("private attribute (0019,1001) remains"))
        #expect(faults.contains("(0008,0081) remains though the profile removes it"))
        #expect(faults.contains("UID at (0020,000d) was not replaced"))
        #expect(faults.contains("Patient Identity Removed (0012,0062) is not YES"))
        #expect(faults.contains("text of (0010,0010) is still in the file"))
        #expect(!faults.contains { $0.contains("DOE") }, "faults never repeat the identifying value")
    }
}
